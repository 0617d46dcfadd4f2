package io.rulescope.dialect.elastic;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.dialect.KnownRepository;
import io.rulescope.dialect.Layout;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** The languages of Elastic's detection rules: EQL, ES|QL, KQL (kuery) and Lucene. */
public final class ElasticDialect implements Dialect {

    /** An Elastic detection rule: TOML whose {@code language} is kuery, eql, esql or lucene (the rule names it). */
    public static final RuleFormat ELASTIC = RuleFormat.declare("ELASTIC", "Elastic", "", "Elastic detection rule")
            .titleField("rule.name").falsePositivesInMarkdown().build();

    @Override
    public String name() {
        return "Elastic";
    }

    @Override
    public String platform() {
        return "Elastic";
    }

    @Override
    public java.util.Map<String, String> languageNames() {
        return java.util.Map.of("eql", "eql", "esql", "esql", "es|ql", "esql", "kuery", "kuery", "lucene", "lucene");
    }

    /** The language Elastic's machine learning rules are given: they have a job instead of a query. */
    public static final String MACHINE_LEARNING = "machine_learning";

    @Override
    public java.util.Set<RuleFormat> formats() {
        return java.util.Set.of(ELASTIC);
    }

    @Override
    public java.util.Map<String, io.rulescope.dialect.QueryWriter> writers() {
        return java.util.Map.of("lucene", LuceneWriter::write, "eql", EqlWriter::write, "esql", EsqlWriter::write);
    }

    @Override
    public java.util.Optional<Layout> recognise(java.util.Map<String, Object> doc) {
        boolean elastic = doc.get("rule") instanceof java.util.Map<?, ?> rule && (rule.containsKey("rule_id") || rule.containsKey("name"))
                && (rule.containsKey("type") || rule.containsKey("query") || doc.get("metadata") instanceof java.util.Map);
        return elastic ? java.util.Optional.of(new Layout.RuleLayout(ELASTIC)) : java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<KnownRepository> repository(java.nio.file.Path root) {
        return java.nio.file.Files.isDirectory(root.resolve("rules").resolve("_deprecated")) || java.nio.file.Files.isDirectory(root.resolve("detection_rules"))
                ? java.util.Optional.of(new KnownRepository("https://github.com/elastic/detection-rules/blob/main/",
                        "github.com/elastic/detection-rules"))
                : java.util.Optional.empty();
    }

    @Override
    public java.util.Set<String> platformAliases() {
        return java.util.Set.of("elasticsearch", "elastic security", "eql");
    }

    @Override
    public Rule map(java.util.Map<String, Object> document, RuleFormat format, RuleDocument source) {
        return ElasticMapper.map(document, source);
    }

    @Override
    public boolean reads(Rule rule) {
        return ElasticLanguage.of(rule.getLanguage()) != null || MACHINE_LEARNING.equals(rule.getLanguage());
    }

    @Override
    public java.util.Optional<String> withoutAnatomy(Rule rule) {
        return MACHINE_LEARNING.equals(rule.getLanguage()) ? java.util.Optional.of("An Elastic machine learning rule has no query: it "
                + "alerts on the anomalies its job scores (see Schedule), so there are no stages or indicators to show.")
                : java.util.Optional.empty();
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        ElasticAnalyzer elastic = new ElasticAnalyzer(context.taxonomy());
        return rule -> MACHINE_LEARNING.equals(rule.getLanguage()) ? QueryAnalysis.EMPTY
                : elastic.analyze(ElasticLanguage.of(rule.getLanguage()), rule.getQuery());
    }

    /** ES|QL commands a first stage may pass over: they keep every row, and the columns they add are known by name. */
    private static final java.util.Set<String> ESQL_PASSING = java.util.Set.of("from", "where", "keep", "drop", "sort", "limit",
            "mv_expand", "eval", "rename", "dissect", "grok");

    @Override
    public String evaluationInWords() {
        return "single-event Elastic queries in full and the other Elastic rules on their first stage";
    }

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        if (MACHINE_LEARNING.equals(rule.getLanguage())) {
            return new EventEvaluation.NotEvaluated("a machine learning rule: its job scores anomalies over time, which one event cannot show");
        }
        return switch (ElasticLanguage.of(rule.getLanguage())) {
            case ESQL -> new EventEvaluation.Filters(ESQL_PASSING, true);
            case KUERY, LUCENE -> new EventEvaluation.Filters(java.util.Set.of("query"), false);
            case EQL -> !analysis.stages().isEmpty() && java.util.Set.of("sequence", "sample").contains(analysis.stages().get(0).command())
                    ? new EventEvaluation.SequenceFirstStep() : new EventEvaluation.Filters(java.util.Set.of(), false);
        };
    }
}
