package io.rulescope.dialect.sigma;

import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.query.sigma.SigmaAnalyzer;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Sigma's detection rules and filters; a correlation's condition counts rules rather than matching events. */
public final class SigmaDialect implements Dialect {

    @Override
    public String name() {
        return "Sigma";
    }

    @Override
    public boolean reads(Rule rule) {
        return rule.getFormat() == RuleFormat.SIGMA || rule.getFormat() == RuleFormat.SIGMA_FILTER;
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        return rule -> {
            Map<String, Object> detection = rule.getDetection() != null ? rule.getDetection() : parseYaml(rule.getQuery());
            Map<String, Object> block = new LinkedHashMap<>(detection);
            block.remove("rules");
            return new SigmaAnalyzer(context.taxonomy()).analyze(block);
        };
    }

    /** The detection (or filter) block of a Sigma rule's text, for rules analysed without their ingest-time parse. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(64);
        for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(text)) {
            if (doc instanceof Map<?, ?> m) {
                Object block = m.containsKey("detection") ? m.get("detection") : m.get("filter");
                if (block instanceof Map<?, ?> b) {
                    return (Map<String, Object>) b;
                }
            }
        }
        return Map.of();
    }
}
