package io.rulescope.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.rule.Rule;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elastic Security detection rules as NDJSON, one rule per line, in the shape Security's "Import rules" and the
 * detection engine's create-rule API take: a query rule (Lucene), an EQL rule or an ES|QL rule, with its severity and
 * risk score, and {@code threat} filled in from its ATT&CK coverage. Rules are imported disabled, for review.
 */
final class ElasticRules {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where a query that names no index reads: Elastic's own default patterns for logs and Winlogbeat. */
    private static final List<String> DEFAULT_INDEXES = List.of("logs-*", "winlogbeat-*");

    private ElasticRules() {
    }

    static String ndjson(RuleExport export, AttackCatalog attack) {
        StringBuilder out = new StringBuilder();
        Function<String, String> names = SiemFiles.uniqueNames();
        String language = export.target().language();
        List<String> indexes = export.target().pipelineId() == null ? DEFAULT_INDEXES
                : Pipelines.get(export.target().pipelineId()).indexes().isEmpty() ? DEFAULT_INDEXES : Pipelines.get(export.target().pipelineId()).indexes();
        for (RuleExport.Exported e : export.converted()) {
            Rule rule = e.rule();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rule_id", SiemFiles.guid(rule));
            r.put("name", names.apply(SiemFiles.oneLine(rule.getTitle())));
            r.put("description", rule.getDescription() == null || rule.getDescription().isBlank() ? SiemFiles.oneLine(rule.getTitle())
                    : rule.getDescription().strip());
            r.put("severity", severity(rule));
            r.put("risk_score", riskScore(rule));
            r.put("type", switch (language) {
                case "eql" -> "eql";
                case "esql" -> "esql";
                default -> "query";
            });
            r.put("language", language);
            r.put("query", e.query());
            if (!language.equals("esql")) {
                r.put("index", indexes);
            }
            r.put("from", "now-6m");
            r.put("interval", "5m");
            r.put("enabled", false);
            r.put("max_signals", 100);
            r.put("author", rule.getAuthor() == null || rule.getAuthor().isBlank() ? List.of() : List.of(SiemFiles.oneLine(rule.getAuthor())));
            r.put("references", rule.getReferences());
            r.put("false_positives", rule.getKnownFalsePositives() == null || rule.getKnownFalsePositives().isBlank() ? List.of()
                    : List.of(SiemFiles.oneLine(rule.getKnownFalsePositives())));
            r.put("tags", List.of("Sigma", "Rulescope"));
            r.put("threat", threat(rule, attack));
            r.put("version", 1);
            out.append(JSON.writeValueAsString(r)).append('\n');
        }
        return out.toString();
    }

    private static String severity(Rule rule) {
        return switch (SiemFiles.level(rule)) {
            case "informational", "low" -> "low";
            case "high" -> "high";
            case "critical" -> "critical";
            default -> "medium";
        };
    }

    /** The risk scores Elastic's own rules give each severity. */
    private static int riskScore(Rule rule) {
        return switch (severity(rule)) {
            case "low" -> 21;
            case "high" -> 73;
            case "critical" -> 99;
            default -> 47;
        };
    }

    /** One entry per tactic, its techniques with their sub-techniques nested, as Elastic's {@code threat} holds them. */
    private static List<Object> threat(Rule rule, AttackCatalog attack) {
        List<Object> out = new ArrayList<>();
        for (AttackCatalog.CoverageRow row : SiemFiles.coverage(rule, attack)) {
            if (row.tactic().id() == null || !row.tactic().id().startsWith("TA")) {
                continue; // a tactic the loaded ATT&CK does not know has no id to give
            }
            Map<String, Map<String, Object>> techniques = new LinkedHashMap<>();
            for (AttackCatalog.TechniqueRef t : row.techniques()) {
                String parent = t.id().contains(".") ? t.id().substring(0, t.id().indexOf('.')) : t.id();
                Map<String, Object> technique = techniques.computeIfAbsent(parent, id -> technique(id,
                        attack.technique(id).map(io.rulescope.attack.Technique::name).orElse(id)));
                if (t.id().contains(".")) {
                    @SuppressWarnings("unchecked")
                    List<Object> subs = (List<Object>) technique.computeIfAbsent("subtechnique", k -> new ArrayList<>());
                    subs.add(reference(t.id(), t.name() == null ? t.id() : t.name(), "https://attack.mitre.org/techniques/" + t.id().replace('.', '/') + "/"));
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("framework", "MITRE ATT&CK");
            entry.put("tactic", reference(row.tactic().id(), row.tactic().name(), "https://attack.mitre.org/tactics/" + row.tactic().id() + "/"));
            entry.put("technique", new ArrayList<>(techniques.values()));
            out.add(entry);
        }
        return out;
    }

    private static Map<String, Object> technique(String id, String name) {
        return reference(id, name, "https://attack.mitre.org/techniques/" + id + "/");
    }

    private static Map<String, Object> reference(String id, String name, String url) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", id);
        ref.put("name", name);
        ref.put("reference", url);
        return ref;
    }
}
