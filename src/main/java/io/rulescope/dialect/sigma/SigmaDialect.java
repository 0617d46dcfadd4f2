package io.rulescope.dialect.sigma;

import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.sigma.SigmaAnalyzer;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Sigma's detection rules, filters and correlations (whose condition counts other rules' matches, not events). */
public final class SigmaDialect implements Dialect {

    @Override
    public String name() {
        return "Sigma";
    }

    @Override
    public String platform() {
        return "Sigma";
    }

    @Override
    public java.util.Map<String, String> languageNames() {
        return java.util.Map.of("sigma", "sigma");
    }

    @Override
    public java.util.Set<RuleFormat> formats() {
        return java.util.Set.of(RuleFormat.SIGMA, RuleFormat.SIGMA_CORRELATION, RuleFormat.SIGMA_FILTER);
    }

    @Override
    public Rule map(java.util.Map<String, Object> document, RuleFormat format, RuleDocument source) {
        return SigmaMapper.map(document, format, source);
    }

    @Override
    public boolean reads(Rule rule) {
        return rule.getFormat().isSigma();
    }

    @Override
    public java.util.Optional<String> withoutAnatomy(Rule rule) {
        return rule.getFormat() == RuleFormat.SIGMA_CORRELATION ? java.util.Optional.of(
                "A correlation rule matches no events itself: it counts or orders the events of the rules it names.") : java.util.Optional.empty();
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        return rule -> {
            if (rule.getFormat() == RuleFormat.SIGMA_CORRELATION) {
                // Its condition counts or relates other rules' matches; there is no detection to take apart.
                return QueryAnalysis.EMPTY;
            }
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

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        if (rule.getFormat() == RuleFormat.SIGMA_CORRELATION) {
            return new EventEvaluation.NotEvaluated("a correlation rule: it counts or relates several events, so one event cannot fire it");
        }
        if (rule.getFormat() == RuleFormat.SIGMA_FILTER) {
            return new EventEvaluation.NotEvaluated("a Sigma filter: it narrows other rules and does not fire by itself");
        }
        if ("unsupported".equalsIgnoreCase(rule.getStatus())) {
            // SigmaHQ's unsupported/ folder: the logic is in the comments (often a correlation), the detection a stub
            // that would fire on every event of its log source.
            return new EventEvaluation.NotEvaluated("status unsupported: its authors say Sigma cannot express its logic, so its detection is not the rule");
        }
        return new EventEvaluation.SigmaDetection();
    }
}
