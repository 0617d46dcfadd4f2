package io.rulescope.query;

import java.util.Locale;

/**
 * Every message the parsers and analysers give about a query, each with a stable code (its name) and a template
 * filled with {@link String#format}. {@code byDesign} marks a part left unanalysed because of what the query is (a
 * lookup in a list the rule does not hold, a relation between two events), not because the analyser falls short:
 * a stage with only such parts is not "partly analysed". Code decides by the constant, never by the text.
 */
public enum Diagnostic {

    QUERY_TOO_LONG(false, "the query is %d characters long; queries over %d are not analysed"),
    NESTS_TOO_DEEP(false, "the query nests deeper than %d levels"),
    UNBALANCED(false, "missing '%s' for the '%s' at position %d"),
    UNMATCHED_CLOSE(false, "'%s' without a matching opening"),
    UNEXPECTED(false, "unexpected '%s'"),
    INCOMPLETE(false, "the query ends where %s was expected"),
    UNTERMINATED(false, "%s opened at position %d is not closed"),
    /** A Sigma quantifier written with a word other than {@code 1}, {@code any} or {@code all}. */
    BAD_QUANTIFIER(false, "'of' must follow '1', 'any' or 'all'"),
    QUANTIFIER_WITHOUT_TARGET(false, "'%s' needs an identifier pattern or 'them'"),
    NO_IDENTIFIER_MATCHES(false, "no search identifier matches '%s'"),
    UNKNOWN_IDENTIFIER(false, "'%s' is not a search identifier of this rule"),

    /** A value bound to a placeholder variable that joins events or names an outcome: it filters nothing. */
    PLACEHOLDER_BINDING(true, "binds placeholder %s"),
    /** A test against a list kept outside the rule (a YARA-L reference list). */
    REFERENCE_LIST(true, "a reference list (%s) whose entries are not in the rule"),
    /** A Kusto list whose values come from a sub-query or a query written inside it, not from the rule's text. */
    SUBQUERY_VALUES(true, "values come from %s"),
    /** A Kusto list left empty on purpose, for the team running the rule to fill with known-good values. */
    TUNING_LIST(true, "tuning list: %s is an empty list by default: a place to add known-good values"),
    /** A comparison of two events' fields, which relates events rather than testing one. */
    EVENTS_COMPARED(true, "compares fields of two events"),
    /** Part of a stage's expression was not analysed; the argument says which and why. */
    PARTLY_NOT_ANALYSED(false, "partly not analysed: %s"),
    /** A Sigma condition's deprecated aggregation, which counts events rather than testing one. */
    AGGREGATION_NOT_ANALYSED(false, "partly not analysed: aggregation '%s' (deprecated syntax; see correlation rules)"),
    /** A function this analyser does not take apart. */
    FUNCTION_NOT_ANALYSED(false, "function %s is not analysed"),
    /** A test this analyser does not read. */
    NOT_ANALYSED(false, "not analysed: %s");

    private final boolean byDesign;
    private final String template;

    Diagnostic(boolean byDesign, String template) {
        this.byDesign = byDesign;
        this.template = template;
    }

    public boolean byDesign() {
        return byDesign;
    }

    /** The message with its arguments filled in. */
    public String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }
}
