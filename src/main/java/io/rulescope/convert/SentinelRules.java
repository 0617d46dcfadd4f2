package io.rulescope.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.rule.Rule;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Sentinel scheduled analytics rules: an ARM template the Sentinel portal imports (Analytics, Import),
 * and the YAML of Azure-Sentinel's Detections folder. Both run the query hourly over the last hour and alert on any
 * result; tactics are ATT&CK's names without spaces ({@code DefenseEvasion}), techniques their ids.
 */
final class SentinelRules {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SentinelRules() {
    }

    static String arm(RuleExport export, AttackCatalog attack) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#");
        template.put("contentVersion", "1.0.0.0");
        template.put("parameters", Map.of("workspace", Map.of("type", "String")));
        List<Object> resources = new ArrayList<>();
        Function<String, String> names = SiemFiles.uniqueNames();
        for (RuleExport.Exported e : export.converted()) {
            Rule rule = e.rule();
            String guid = SiemFiles.guid(rule);
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("displayName", names.apply(SiemFiles.oneLine(rule.getTitle())));
            properties.put("description", SiemFiles.oneLine(rule.getDescription()));
            properties.put("severity", severity(rule));
            properties.put("enabled", true);
            properties.put("query", e.query());
            properties.put("queryFrequency", "PT1H");
            properties.put("queryPeriod", "PT1H");
            properties.put("triggerOperator", "GreaterThan");
            properties.put("triggerThreshold", 0);
            properties.put("suppressionDuration", "PT5H");
            properties.put("suppressionEnabled", false);
            properties.put("tactics", tactics(rule, attack));
            properties.put("techniques", SiemFiles.techniqueIds(rule).stream().map(t -> t.contains(".") ? t.substring(0, t.indexOf('.')) : t)
                    .distinct().toList());
            properties.put("subTechniques", SiemFiles.techniqueIds(rule).stream().filter(t -> t.contains(".")).toList());
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("id", "[concat(resourceId('Microsoft.OperationalInsights/workspaces/providers', parameters('workspace'),"
                    + " 'Microsoft.SecurityInsights'),'/alertRules/" + guid + "')]");
            resource.put("name", "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/" + guid + "')]");
            resource.put("type", "Microsoft.OperationalInsights/workspaces/providers/alertRules");
            resource.put("kind", "Scheduled");
            resource.put("apiVersion", "2023-12-01-preview");
            resource.put("properties", properties);
            resources.add(resource);
        }
        template.put("resources", resources);
        return JSON.writeValueAsString(template) + "\n";
    }

    static String yaml(RuleExport export, AttackCatalog attack, String about) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        // Each rule written out in full: an importer need not resolve anchors, and two empty lists are not one.
        options.setDereferenceAliases(true);
        Yaml yaml = new Yaml(new MultilineLiterals(options), options);
        StringBuilder out = new StringBuilder();
        for (String line : about.split("\n")) {
            out.append("# ").append(line).append('\n');
        }
        Function<String, String> names = SiemFiles.uniqueNames();
        for (RuleExport.Exported e : export.converted()) {
            Rule rule = e.rule();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", SiemFiles.guid(rule));
            doc.put("name", names.apply(SiemFiles.oneLine(rule.getTitle())));
            doc.put("description", rule.getDescription() == null || rule.getDescription().isBlank() ? SiemFiles.oneLine(rule.getTitle())
                    : rule.getDescription().strip());
            doc.put("severity", severity(rule));
            doc.put("requiredDataConnectors", List.of());
            doc.put("queryFrequency", "1h");
            doc.put("queryPeriod", "1h");
            doc.put("triggerOperator", "gt");
            doc.put("triggerThreshold", 0);
            doc.put("tactics", tactics(rule, attack));
            doc.put("relevantTechniques", SiemFiles.techniqueIds(rule));
            doc.put("query", e.query());
            doc.put("version", "1.0.0");
            doc.put("kind", "Scheduled");
            out.append("---\n").append(yaml.dump(doc));
        }
        return out.toString();
    }

    /** Sigma's levels in Sentinel's four: critical is High. */
    private static String severity(Rule rule) {
        return switch (SiemFiles.level(rule)) {
            case "informational" -> "Informational";
            case "low" -> "Low";
            case "high", "critical" -> "High";
            default -> "Medium";
        };
    }

    /** ATT&CK tactic names as Sentinel spells them: "Command and Control" is {@code CommandAndControl}. */
    static List<String> tactics(Rule rule, AttackCatalog attack) {
        Set<String> out = new LinkedHashSet<>();
        for (AttackCatalog.CoverageRow row : SiemFiles.coverage(rule, attack)) {
            if (row.tactic().id() == null || !row.tactic().id().startsWith("TA")) {
                continue; // a tactic the loaded ATT&CK does not know ("attack.stealth") is no Sentinel tactic either
            }
            StringBuilder name = new StringBuilder();
            for (String word : row.tactic().name().split("[\\s-]+")) {
                if (!word.isEmpty()) {
                    name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
            out.add(name.toString());
        }
        return List.copyOf(out);
    }

    /** Multi-line text (a description, a query) as a YAML literal block, as Azure-Sentinel's files write it. */
    private static final class MultilineLiterals extends Representer {

        MultilineLiterals(DumperOptions options) {
            super(options);
        }

        @Override
        protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
            if (tag.equals(Tag.STR) && value.contains("\n")) {
                return super.representScalar(tag, value.strip(), DumperOptions.ScalarStyle.LITERAL);
            }
            return super.representScalar(tag, value, style);
        }
    }
}
