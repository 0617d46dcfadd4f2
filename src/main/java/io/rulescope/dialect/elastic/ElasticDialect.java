package io.rulescope.dialect.elastic;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.query.elastic.ElasticAnalyzer;
import io.rulescope.query.elastic.ElasticLanguage;
import io.rulescope.rule.Rule;

/** The languages of Elastic's detection rules: EQL, ES|QL, KQL (kuery) and Lucene. */
public final class ElasticDialect implements Dialect {

    @Override
    public String name() {
        return "Elastic EQL, ES|QL, KQL and Lucene";
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
}
