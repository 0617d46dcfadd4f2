package io.rulescope.dialect.spl;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.spl.MacroExpander;
import io.rulescope.query.spl.SplAnalyzer;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Splunk's Search Processing Language, as security_content writes its detections. */
public final class SplDialect implements Dialect {

    @Override
    public String name() {
        return "Splunk SPL";
    }

    @Override
    public String platform() {
        return "Splunk";
    }

    @Override
    public java.util.Map<String, String> languageNames() {
        return java.util.Map.of("spl", "spl", "splunk", "spl");
    }

    @Override
    public java.util.Set<RuleFormat> formats() {
        return java.util.Set.of(RuleFormat.ESCU_2024, RuleFormat.ESCU_2026);
    }

    @Override
    public Rule map(java.util.Map<String, Object> document, RuleFormat format, RuleDocument source) {
        return EscuMapper.map(document, format, source);
    }

    /** An SPL search in the generic layout: its group-by fields, as a security_content detection gets them. */
    @Override
    public void complete(Rule rule, RuleDocument source) {
        rule.setGroupBy(SplFacts.groupBy(rule.getQuery(), source));
    }

    @Override
    public boolean reads(Rule rule) {
        return "spl".equals(rule.getLanguage());
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        SplAnalyzer spl = new SplAnalyzer(context.macros().isEmpty() ? MacroExpander.NONE : new MacroExpander(context.macros()),
                context.taxonomy());
        return rule -> spl.analyze(rule.getQuery());
    }

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        return new EventEvaluation.SearchFirstStage();
    }
}
