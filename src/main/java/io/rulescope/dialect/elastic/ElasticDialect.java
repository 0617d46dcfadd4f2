package io.rulescope.dialect.elastic;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.elastic.ElasticAnalyzer;
import io.rulescope.query.elastic.ElasticLanguage;
import io.rulescope.rule.Rule;

/** The languages of Elastic's detection rules: EQL, ES|QL, KQL (kuery) and Lucene. */
public final class ElasticDialect implements Dialect {

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

    @Override
    public boolean reads(Rule rule) {
        return ElasticLanguage.of(rule.getLanguage()) != null;
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        ElasticAnalyzer elastic = new ElasticAnalyzer(context.taxonomy());
        return rule -> elastic.analyze(ElasticLanguage.of(rule.getLanguage()), rule.getQuery());
    }

    /** ES|QL commands a first stage may pass over: they keep every row, and the columns they add are known by name. */
    private static final java.util.Set<String> ESQL_PASSING = java.util.Set.of("from", "where", "keep", "drop", "sort", "limit",
            "mv_expand", "eval", "rename", "dissect", "grok");

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        return switch (ElasticLanguage.of(rule.getLanguage())) {
            case ESQL -> new EventEvaluation.Filters(ESQL_PASSING, true);
            case KUERY, LUCENE -> new EventEvaluation.Filters(java.util.Set.of("query"), false);
            case EQL -> !analysis.stages().isEmpty() && java.util.Set.of("sequence", "sample").contains(analysis.stages().get(0).command())
                    ? new EventEvaluation.SequenceFirstStep() : new EventEvaluation.Filters(java.util.Set.of(), false);
        };
    }
}
