package io.rulescope.dialect.kql;

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

/** Microsoft's Kusto Query Language, as Sentinel's analytic rules write it. */
public final class KqlDialect implements Dialect {

    /** A Sentinel analytic rule: YAML with a Kusto {@code query}, in the repository or the portal's export layout. */
    public static final RuleFormat SENTINEL = RuleFormat.declare("SENTINEL", "Microsoft Sentinel", "kql",
            "Microsoft Sentinel analytic rule").titleField("name").build();

    /** Keys only Sentinel analytic rules have, besides {@code query} and a name. */
    private static final java.util.List<String> SENTINEL_KEYS = java.util.List.of("queryFrequency", "queryPeriod",
            "triggerOperator", "triggerThreshold", "requiredDataConnectors", "relevantTechniques", "entityMappings", "tactics",
            "kind", "severity");

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
    public java.util.Map<String, io.rulescope.dialect.QueryWriter> writers() {
        return java.util.Map.of("kql", KqlWriter::write);
    }

    @Override
    public java.util.Set<RuleFormat> formats() {
        return java.util.Set.of(SENTINEL);
    }

    @Override
    public java.util.Optional<Layout> recognise(java.util.Map<String, Object> doc) {
        if (doc.get("query") instanceof String && (doc.containsKey("name") || doc.containsKey("displayName"))
                && SENTINEL_KEYS.stream().anyMatch(doc::containsKey)) {
            return java.util.Optional.of(new Layout.RuleLayout(SENTINEL));
        }
        if (isMovedStub(doc)) {
            return java.util.Optional.of(new Layout.Skipped(movedReason(doc)));
        }
        return java.util.Optional.empty();
    }

    /**
     * A Sentinel rule file left behind when the content moved to Solutions: an id, a name and a description saying
     * where it went, but no query.
     */
    private static boolean isMovedStub(java.util.Map<String, Object> doc) {
        if (doc.containsKey("query") || !doc.containsKey("name") || !doc.containsKey("id")) {
            return false;
        }
        String description = Yamls.str(doc, "description");
        return description != null && description.toLowerCase(java.util.Locale.ROOT).contains("moved to new location");
    }

    private static final java.util.regex.Pattern MOVED_TO = java.util.regex.Pattern.compile("(https?://\\S+?)['\"\\s]*$");

    /** Why a moved stub is skipped, with where the rule went when the stub says so. */
    private static String movedReason(java.util.Map<String, Object> doc) {
        java.util.regex.Matcher m = MOVED_TO.matcher(Yamls.str(doc, "description").strip());
        return "moved: a stub for a rule that moved to the Solutions folder" + (m.find() ? " (now " + m.group(1) + ")" : "");
    }

    @Override
    public java.util.Optional<KnownRepository> repository(java.nio.file.Path root) {
        boolean sentinel = java.nio.file.Files.isDirectory(root.resolve("Detections")) && (java.nio.file.Files.isDirectory(root.resolve("Solutions"))
                || java.nio.file.Files.isDirectory(root.resolve("Hunting Queries")) || java.nio.file.Files.isRegularFile(root.resolve("LICENSE")));
        return sentinel ? java.util.Optional.of(new KnownRepository("https://github.com/Azure/Azure-Sentinel/blob/master/",
                "github.com/Azure/Azure-Sentinel")) : java.util.Optional.empty();
    }

    @Override
    public java.util.Set<String> platformAliases() {
        return java.util.Set.of("sentinel", "azure sentinel", "ms sentinel", "kql");
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
    public String evaluationInWords() {
        return "Microsoft Sentinel queries on their first stage";
    }

    @Override
    public EventEvaluation evaluation(Rule rule, QueryAnalysis analysis) {
        return new EventEvaluation.Filters(PASSING, true);
    }
}
