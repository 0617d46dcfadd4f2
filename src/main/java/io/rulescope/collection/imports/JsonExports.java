package io.rulescope.collection.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two JSON exports: Sentinel's ARM template of analytic rules, and Elastic's NDJSON of detection rules. Sentinel
 * names a rule by its template (the Azure-Sentinel rule id) in {@code alertRuleTemplateName}, else by the GUID in the
 * resource name, else by its display name.
 */
final class JsonExports {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private JsonExports() {
    }

    static List<ImportedItem> sentinelArm(String text) {
        JsonNode root = parse(text, "a Sentinel ARM template");
        JsonNode resources = root.path("resources");
        if (!resources.isArray()) {
            throw new ImportProblem("This is not a Sentinel ARM template: it has no \"resources\" list.");
        }
        List<ImportedItem> items = new ArrayList<>();
        for (JsonNode resource : resources) {
            String type = resource.path("type").asString("");
            if (!type.contains("alertRules")) {
                continue;
            }
            JsonNode properties = resource.path("properties");
            String display = properties.path("displayName").asString("");
            List<String> ids = new ArrayList<>();
            String template = properties.path("alertRuleTemplateName").asString("");
            if (!template.isBlank()) {
                ids.add(template.strip());
            }
            Matcher guid = GUID.matcher(resource.path("name").asString(""));
            while (guid.find()) {
                ids.add(guid.group());
            }
            items.add(new ImportedItem(display.isBlank() ? resource.path("name").asString("an alert rule") : display, ids,
                    display.isBlank() ? List.of() : List.of(display), properties.path("query").asString(null)));
        }
        return items;
    }

    static List<ImportedItem> elasticNdjson(String text) {
        List<ImportedItem> items = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode rule;
            try {
                rule = JSON.readTree(lines[i]);
            } catch (JacksonException e) {
                throw new ImportProblem("Line " + (i + 1) + " is not a JSON object: " + e.getOriginalMessage());
            }
            if (rule.has("exported_count") || rule.has("exported_rules_count")) {
                continue;
            }
            String ruleId = rule.path("rule_id").asString("");
            String name = rule.path("name").asString("");
            items.add(new ImportedItem(name.isBlank() ? "line " + (i + 1) : name, ruleId.isBlank() ? List.of() : List.of(ruleId.strip()),
                    name.isBlank() ? List.of() : List.of(name), rule.path("query").asString(null)));
        }
        return items;
    }

    /** A Navigator layer's techniques, in the order it lists them, each once. */
    static List<String> navigatorTechniques(String text) {
        JsonNode layer = parse(text, "an ATT&CK Navigator layer");
        JsonNode techniques = layer.path("techniques");
        if (!techniques.isArray()) {
            throw new ImportProblem("This is not an ATT&CK Navigator layer: it has no \"techniques\" list.");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode t : techniques) {
            String id = t.path("techniqueID").asString("").strip().toUpperCase(java.util.Locale.ROOT);
            // A layer that scores every technique marks the ones it does not cover with 0, or switches them off.
            boolean shown = (!t.has("enabled") || t.path("enabled").asBoolean(true))
                    && !(t.path("score").isNumber() && t.path("score").asDouble() <= 0);
            if (id.matches("T\\d{4}(\\.\\d{3})?") && shown && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static JsonNode parse(String text, String what) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ImportProblem("This is not " + what + ": it is not a JSON object.");
            }
            return root;
        } catch (JacksonException e) {
            throw new ImportProblem("This is not " + what + ": the JSON cannot be read (" + e.getOriginalMessage() + ").");
        }
    }
}
