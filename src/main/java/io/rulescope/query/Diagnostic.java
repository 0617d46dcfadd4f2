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

    /** A value bound to a placeholder variable that joins events or names an outcome: it filters nothing. */
    PLACEHOLDER_BINDING(true, "binds placeholder %s"),
    /** A test against a list kept outside the rule (a YARA-L reference list). */
    REFERENCE_LIST(true, "a reference list (%s) whose entries are not in the rule"),
    /** A comparison of two events' fields, which relates events rather than testing one. */
    EVENTS_COMPARED(true, "compares fields of two events"),
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
