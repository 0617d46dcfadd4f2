package io.rulescope.dialect.kql;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.kql.KqlAnalyzer;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Microsoft's Kusto Query Language, as Sentinel's analytic rules write it. */
public final class KqlDialect implements Dialect {

    @Override
    public String name() {
        return "Microsoft KQL";
    }

    @Override
    public String platform() {
        return "Microsoft Sentinel";
    }

    @Override
    public java.util.Map<String, String> languageNames() {
        return java.util.Map.of("kql", "kql", "kusto", "kql", "sentinel", "kql");
    }

    @Override
    public java.util.Set<RuleFormat> formats() {
        return java.util.Set.of(RuleFormat.SENTINEL);
    }

    @Override
    public Rule map(java.util.Map<String, Object> document, RuleFormat format, RuleDocument source) {
        return SentinelMapper.map(document, source);
    }

    @Override
    public boolean reads(Rule rule) {
        return "kql".equals(rule.getLanguage());
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        KqlAnalyzer kql = new KqlAnalyzer(context.taxonomy());
        return rule -> kql.analyze(rule.getQuery());
    }

    /**
     * Kusto operators a first stage may pass over: they keep every row, and the columns they add or rename are known
     * by name, so a later filter on one of those is left undecided while filters on the event's own columns count.
     */
    private static final java.util.Set<String> PASSING = java.util.Set.of("table", "let", "set", "where", "filter", "take", "limit",
            "sort", "order", "top", "extend", "parse", "parse-where", "project", "project-away", "project-keep", "project-rename",
            "project-reorder", "mv-expand");

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        return new EventEvaluation.Filters(PASSING, true);
    }
}
