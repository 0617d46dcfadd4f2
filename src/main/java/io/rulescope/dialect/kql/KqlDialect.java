package io.rulescope.dialect.kql;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.query.kql.KqlAnalyzer;
import io.rulescope.rule.Rule;

/** Microsoft's Kusto Query Language, as Sentinel's analytic rules write it. */
public final class KqlDialect implements Dialect {

    @Override
    public String name() {
        return "Microsoft KQL";
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
}
