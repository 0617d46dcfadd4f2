package io.rulescope.convert;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.rule.Rule;

/**
 * Writes a {@link RuleExport} as the file a SIEM imports: Splunk's {@code savedsearches.conf}, a Microsoft Sentinel
 * ARM template or analytics YAML, or Elastic Security's detection rules NDJSON. Each carries the rule's name,
 * description, severity and ATT&CK coverage in the fields that SIEM reads them from.
 */
public final class SiemFiles {

    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SiemFiles() {
    }

    /** The file's text; {@code about} is said in a comment where the format has comments. */
    public static String write(ExportFormat format, RuleExport export, AttackCatalog attack, String about) {
        return switch (format) {
            case SAVEDSEARCHES -> SplunkSavedSearches.write(export, attack, about);
            case SENTINEL_ARM -> SentinelRules.arm(export, attack);
            case SENTINEL_YAML -> SentinelRules.yaml(export, attack, about);
            case ELASTIC_NDJSON -> ElasticRules.ndjson(export, attack);
        };
    }

    /** The rule's id as a GUID: a Sigma id already is one; any other id gets a GUID derived from it. */
    static String guid(Rule rule) {
        String id = rule.getRuleId();
        return UUID_SHAPE.matcher(id).matches() ? id.toLowerCase(Locale.ROOT)
                : UUID.nameUUIDFromBytes(("rulescope:" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** One line of text, for fields a SIEM shows on one line. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** Sigma's level, or medium when the rule gives none. */
    static String level(Rule rule) {
        String level = rule.getSeverity() == null ? "" : rule.getSeverity().strip().toLowerCase(Locale.ROOT);
        return List.of("informational", "low", "medium", "high", "critical").contains(level) ? level : "medium";
    }

    /** A rule's ATT&CK coverage: each tactic with the techniques under it, the way the rule's page shows it. */
    static List<AttackCatalog.CoverageRow> coverage(Rule rule, AttackCatalog attack) {
        return attack.coverage(rule.getTechniqueIds(), rule.getTacticHints());
    }

    /** Technique ids named by the rule, without repeats, sub-techniques after their parents' order of mention. */
    static List<String> techniqueIds(Rule rule) {
        return rule.getTechniqueIds().stream().map(id -> id.toUpperCase(Locale.ROOT)).distinct().toList();
    }

    /** The same key again gets " (2)", " (3)": a SIEM needs each rule's name once. */
    static Function<String, String> uniqueNames() {
        Map<String, Integer> seen = new HashMap<>();
        return name -> {
            int n = seen.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
            return n == 1 ? name : name + " (" + n + ")";
        };
    }
}
