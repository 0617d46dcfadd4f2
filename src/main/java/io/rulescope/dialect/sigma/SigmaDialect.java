package io.rulescope.dialect.sigma;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.dialect.KnownRepository;
import io.rulescope.dialect.Layout;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.dialect.Yamls;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Sigma's detection rules, filters and correlations (whose condition counts other rules' matches, not events). */
public final class SigmaDialect implements Dialect {

    /** A detection rule: a log source, search identifiers and a condition over them. */
    public static final RuleFormat SIGMA = sigma("SIGMA", "Sigma rule").build();
    /** A rule about other rules' matches: it counts or orders them. */
    public static final RuleFormat CORRELATION = sigma("SIGMA_CORRELATION", "Sigma correlation").ruleOfRules("Correlation").build();
    /** A filter other rules' detections are narrowed by. */
    public static final RuleFormat FILTER = sigma("SIGMA_FILTER", "Sigma filter").ruleOfRules("Filter").build();

    /** A Sigma rule's query is its whole file, whose detection values are indexed as indicators instead. */
    private static RuleFormat.Builder sigma(String name, String label) {
        return RuleFormat.declare(name, "Sigma", "sigma", label).queryNotIndexedAsText().scopedByLogsource();
    }

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
        return java.util.Set.of(SIGMA, CORRELATION, FILTER);
    }

    @Override
    public java.util.Optional<Layout> recognise(Map<String, Object> doc) {
        if ("global".equals(Yamls.str(doc, "action"))) {
            return java.util.Optional.of(new Layout.CollectionHeader("action"));
        }
        RuleFormat format = doc.get("correlation") instanceof Map ? CORRELATION
                : doc.get("filter") instanceof Map && (doc.containsKey("logsource") || doc.containsKey("title")) ? FILTER
                : doc.get("detection") instanceof Map ? SIGMA : null;
        return java.util.Optional.ofNullable(format).map(Layout.RuleLayout::new);
    }

    @Override
    public java.util.Optional<KnownRepository> repository(java.nio.file.Path root) {
        return java.nio.file.Files.isDirectory(root.resolve("rules")) && java.nio.file.Files.isDirectory(root.resolve("rules-emerging-threats"))
                ? java.util.Optional.of(new KnownRepository("https://github.com/SigmaHQ/sigma/blob/master/", "github.com/SigmaHQ/sigma"))
                : java.util.Optional.empty();
    }

    @Override
    public java.util.Set<String> platformAliases() {
        return java.util.Set.of("sigmahq");
    }

    /**
     * An old collection ({@code action: global}) gives one rule per log source, all with the collection's title; each
     * is named by its log source so lists do not show identical rows.
     */
    @Override
    public void nameCollectionRules(java.util.List<Rule> rules) {
        long distinctTitles = rules.stream().map(Rule::getTitle).distinct().count();
        if (rules.size() < 2 || distinctTitles == rules.size()) {
            return;
        }
        for (Rule rule : rules) {
            String logsource = java.util.stream.Stream.of(rule.getLogsourceCategory(), rule.getLogsourceProduct(), rule.getLogsourceService())
                    .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining(" / "));
            if (!logsource.isEmpty()) {
                rule.setTitle(rule.getTitle() + " (" + logsource + ")");
            }
        }
    }

    @Override
    public Rule map(java.util.Map<String, Object> document, RuleFormat format, RuleDocument source) {
        return SigmaMapper.map(document, format, source);
    }

    @Override
    public boolean reads(Rule rule) {
        return formats().contains(rule.getFormat());
    }

    @Override
    public java.util.Optional<String> withoutAnatomy(Rule rule) {
        return rule.getFormat() == CORRELATION ? java.util.Optional.of(
                "A correlation rule matches no events itself: it counts or orders the events of the rules it names.") : java.util.Optional.empty();
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        return rule -> {
            if (rule.getFormat() == CORRELATION) {
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
    public String evaluationInWords() {
        return "Sigma rules in full";
    }

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        if (rule.getFormat() == CORRELATION) {
            return new EventEvaluation.NotEvaluated("a correlation rule: it counts or relates several events, so one event cannot fire it");
        }
        if (rule.getFormat() == FILTER) {
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
