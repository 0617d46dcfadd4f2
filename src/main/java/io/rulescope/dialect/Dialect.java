package io.rulescope.dialect;

import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Everything one rule language needs, behind one interface, so that a language is one folder under {@code dialect/}
 * and one line in {@link Dialects}. The rest of the program loops over the dialects and never names one.
 *
 * <p>A dialect recognises the documents of its layouts (and reads its own file type when that is not YAML or TOML),
 * maps them to rules, says which rules it reads, takes their queries apart into the shared expression model and
 * chooses how the event matcher evaluates them. Its formats carry its display hints.
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

    /** The rule layouts this dialect maps. */
    java.util.Set<RuleFormat> formats();

    /**
     * What one document is to this dialect, judged from its keys alone: a rule in one of its formats, supporting data,
     * a collection's shared part or a stub to skip; empty when it is none of its layouts.
     */
    java.util.Optional<Layout> recognise(java.util.Map<String, Object> document);

    /**
     * Readers for the files this dialect's rules are written in when they are not YAML or TOML, by file extension in
     * lower case with its dot ({@code .yaral}).
     */
    default java.util.Map<String, DocumentReader> fileReaders() {
        return java.util.Map.of();
    }

    /** The public repository a source folder is a copy of, recognised by its folders, so pages link to each file. */
    default java.util.Optional<KnownRepository> repository(java.nio.file.Path root) {
        return java.util.Optional.empty();
    }

    /** Other names people give this dialect's platform in a search ({@code platform:sentinel}), in lower case. */
    default java.util.Set<String> platformAliases() {
        return java.util.Set.of();
    }

    /**
     * Names apart the rules of one collection (a file whose {@link Layout.CollectionHeader} they share), which would
     * otherwise all carry the collection's title.
     */
    default void nameCollectionRules(java.util.List<Rule> rules) {
    }

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

    /**
     * How the event matcher evaluates this language's rules, in words for the match page ("Sigma rules in full",
     * "Splunk searches on their first stage").
     */
    String evaluationInWords();

    /**
     * The query languages of this dialect that detections can be written in, by language name ({@code spl}): the
     * backends Sigma rules are converted with.
     */
    default java.util.Map<String, QueryWriter> writers() {
        return java.util.Map.of();
    }

    /** Takes one rule's query apart. */
    @FunctionalInterface
    interface RuleAnalyzer {
        QueryAnalysis analyze(Rule rule);
    }
}
