package io.rulescope.dialect.spl;

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

/** Splunk's Search Processing Language, as security_content writes its detections. */
public final class SplDialect implements Dialect {

    /** A security_content detection in the 2024 layout (ATT&CK, stories and product under {@code tags:}). */
    public static final RuleFormat ESCU_2024 = escu("ESCU_2024");
    /** A security_content detection in the 2026 layout (top-level {@code mitre_attack_id}, {@code finding}). */
    public static final RuleFormat ESCU_2026 = escu("ESCU_2026");

    private static RuleFormat escu(String name) {
        return RuleFormat.declare(name, "Splunk", "spl", "Splunk security_content").titleField("name")
                .storiesLabel("Analytic stories").build();
    }

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
    public java.util.Map<String, io.rulescope.dialect.QueryWriter> writers() {
        return java.util.Map.of("spl", SplWriter::write);
    }

    @Override
    public java.util.Set<RuleFormat> formats() {
        return java.util.Set.of(ESCU_2024, ESCU_2026);
    }

    /** A detection, or the macros, data sources and stories a security_content tree defines beside them. */
    @Override
    public java.util.Optional<Layout> recognise(java.util.Map<String, Object> doc) {
        if (!doc.containsKey("name")) {
            return java.util.Optional.empty();
        }
        String name = Yamls.str(doc, "name");
        if (doc.get("search") instanceof String) {
            boolean oldLayout = doc.get("tags") instanceof java.util.Map<?, ?> tags
                    && (tags.containsKey("mitre_attack_id") || tags.containsKey("analytic_story"));
            return java.util.Optional.of(new Layout.RuleLayout(oldLayout ? ESCU_2024 : ESCU_2026));
        }
        if (doc.containsKey("definition")) {
            return java.util.Optional.of(new Layout.MacroDefinition(name == null ? null : stripArity(name), Yamls.list(doc, "arguments"),
                    doc.get("definition") == null ? "" : doc.get("definition").toString()));
        }
        if (doc.containsKey("narrative")) {
            return java.util.Optional.of(new Layout.NamedText("stories", name, String.valueOf(Yamls.text(doc, "description"))));
        }
        if (doc.containsKey("sourcetype") || doc.containsKey("supported_TA")) {
            return java.util.Optional.of(new Layout.NamedText("data sources", name, String.valueOf(Yamls.str(doc, "sourcetype"))));
        }
        return java.util.Optional.empty();
    }

    /** security_content names macros with arguments {@code name(2)}; the arity is implied by the argument list. */
    private static String stripArity(String name) {
        int paren = name.indexOf('(');
        return paren > 0 ? name.substring(0, paren).strip() : name.strip();
    }

    @Override
    public java.util.Optional<KnownRepository> repository(java.nio.file.Path root) {
        return java.nio.file.Files.isDirectory(root.resolve("detections")) && java.nio.file.Files.isDirectory(root.resolve("macros"))
                ? java.util.Optional.of(new KnownRepository("https://github.com/splunk/security_content/blob/develop/",
                        "github.com/splunk/security_content"))
                : java.util.Optional.empty();
    }

    @Override
    public java.util.Set<String> platformAliases() {
        return java.util.Set.of("spl", "escu");
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
    public String evaluationInWords() {
        return "Splunk searches on their first stage";
    }

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        return new EventEvaluation.SearchFirstStage();
    }
}
