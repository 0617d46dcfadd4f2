package io.rulescope.dialect;

import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Everything one rule language needs, behind one interface, so that a language is one folder under {@code dialect/}
 * and one line in {@link Dialects}. The rest of the program loops over the dialects and never names one.
 *
 * <p>Today a dialect maps the rule documents of its layouts, says which rules it reads, takes their queries apart
 * into the shared expression model and chooses how the event matcher evaluates them. Recognising its layouts, typed
 * columns for the matcher, the names of events and fields for the shared vocabulary and display hints move here next
 * (issue 30).
 */
public interface Dialect {

    /** The language as pages and logs name it ("Splunk SPL"). */
    String name();

    /** The platform its rules run on, as filters and pages name it ("Splunk"). */
    String platform();

    /**
     * The names rule files give its languages, in lower case ({@code logic_format: kusto}), each to the language code
     * the catalog stores ({@code kql}).
     */
    java.util.Map<String, String> languageNames();

    /** The rule layouts this dialect maps (ingest recognises a document's layout from its keys). */
    java.util.Set<RuleFormat> formats();

    /**
     * Maps one document in one of its {@link #formats()} to a rule.
     *
     * @throws MappingException if the document is a rule that cannot be shown as one
     */
    Rule map(java.util.Map<String, Object> document, RuleFormat format, RuleDocument source);

    /** Completes a rule in this dialect's language that a layout of no dialect mapped (the generic {@code logic} one). */
    default void complete(Rule rule, RuleDocument source) {
    }

    /** Whether this dialect takes this rule's query apart (by the rule's language and format). */
    boolean reads(Rule rule);

    /** An analyser for one ingest: with that ingest's macros, pure, callable from several threads at once. */
    RuleAnalyzer analyzer(AnalysisContext context);

    /**
     * Why this rule has no query to take apart by design (a correlation counts other rules' matches, a machine
     * learning job scores anomalies), as its page says it; empty for a rule with a query.
     */
    default java.util.Optional<String> withoutAnatomy(Rule rule) {
        return java.util.Optional.empty();
    }

    /** How the event matcher evaluates this rule, given its analysis. */
    EventEvaluation evaluation(Rule rule, QueryAnalysis analysis);

    /** Takes one rule's query apart. */
    @FunctionalInterface
    interface RuleAnalyzer {
        QueryAnalysis analyze(Rule rule);
    }
}
