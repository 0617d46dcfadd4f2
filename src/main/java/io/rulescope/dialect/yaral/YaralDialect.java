package io.rulescope.dialect.yaral;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.DocumentReader;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.dialect.KnownRepository;
import io.rulescope.dialect.Layout;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Google Security Operations' YARA-L 2.0: rules over UDM events, in {@code .yaral} files of one or more
 * {@code rule name { meta: events: match: outcome: condition: }} blocks.
 */
public final class YaralDialect implements Dialect {

    /** A YARA-L 2.0 rule; its title is {@code meta.rule_name}, else the rule's name. */
    public static final RuleFormat YARAL = RuleFormat.declare("YARAL", "Google SecOps", "yaral", "YARA-L 2.0 rule")
            .titleField("meta.rule_name").build();

    @Override
    public String name() {
        return "YARA-L";
    }

    @Override
    public String platform() {
        return "Google SecOps";
    }

    @Override
    public Map<String, String> languageNames() {
        return Map.of("yara-l", "yaral", "yaral", "yaral", "yara-l 2.0", "yaral");
    }

    @Override
    public Set<RuleFormat> formats() {
        return Set.of(YARAL);
    }

    /** Each rule of a {@code .yaral} file becomes one document: its name, meta, the text of each section and its own. */
    @Override
    public Map<String, DocumentReader> fileReaders() {
        return Map.of(".yaral", YaralDialect::read);
    }

    static List<Map<String, Object>> read(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (YaralSections.RuleText rule : YaralSections.rules(text)) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("rule", rule.name());
            doc.put("text", rule.text());
            YaralSections.Section meta = rule.sections().get("meta");
            doc.put("meta", meta == null ? Map.of() : YaralMeta.parse(meta.text()));
            rule.sections().forEach((name, section) -> {
                if (!name.equals("meta")) {
                    doc.put(name, section.text());
                }
            });
            documents.add(doc);
        }
        return documents;
    }

    @Override
    public Optional<Layout> recognise(Map<String, Object> doc) {
        return doc.get("rule") instanceof String && doc.get("text") instanceof String
                && (doc.get("events") instanceof String || doc.get("condition") instanceof String)
                ? Optional.of(new Layout.RuleLayout(YARAL)) : Optional.empty();
    }

    @Override
    public Optional<KnownRepository> repository(Path root) {
        return Files.isDirectory(root.resolve("rules").resolve("community"))
                ? Optional.of(new KnownRepository("https://github.com/chronicle/detection-rules/blob/main/",
                        "github.com/chronicle/detection-rules"))
                : Optional.empty();
    }

    @Override
    public Set<String> platformAliases() {
        return Set.of("chronicle", "google", "secops", "google secops", "yara-l", "yaral");
    }

    @Override
    public Rule map(Map<String, Object> document, RuleFormat format, RuleDocument source) {
        return YaralMapper.map(document, source);
    }

    @Override
    public boolean reads(Rule rule) {
        return "yaral".equals(rule.getLanguage());
    }

    @Override
    public RuleAnalyzer analyzer(AnalysisContext context) {
        YaralAnalyzer analyzer = new YaralAnalyzer(context.taxonomy());
        return rule -> rule.getQuery() == null ? QueryAnalysis.EMPTY : analyzer.analyze(rule.getQuery());
    }

    /**
     * The filters of the first event variable, as a first stage: one event cannot show what the match window,
     * the other events or the condition's counts decide.
     */
    @Override
    public String evaluationInWords() {
        return "Google SecOps rules on the filters of their first event";
    }

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        if (analysis.stages().isEmpty() || analysis.stages().get(0).expression() == null) {
            return new EventEvaluation.NotEvaluated("its events section has no tests to evaluate");
        }
        return new EventEvaluation.Filters(Set.of(), true);
    }
}
