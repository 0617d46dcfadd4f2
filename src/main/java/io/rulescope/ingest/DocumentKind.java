package io.rulescope.ingest;

import java.util.List;
import java.util.Map;

import io.rulescope.dialect.Yamls;
import io.rulescope.rule.RuleFormat;

/**
 * What one YAML document is, judged from its keys alone: a rule in one of the {@link RuleFormat}s, supporting data
 * of a security_content tree, a Sigma collection's global part, or none of these.
 */
enum DocumentKind {
    ESCU_2024, ESCU_2026, LOGIC, SIGMA, SIGMA_CORRELATION, SIGMA_FILTER, SIGMA_GLOBAL, SENTINEL, SENTINEL_MOVED, ELASTIC,
    MACRO, DATA_SOURCE, STORY, NOT_A_RULE;

    static DocumentKind of(Object document) {
        if (!(document instanceof Map<?, ?> raw)) {
            return NOT_A_RULE;
        }
        Map<String, Object> doc = Yamls.map(raw);
        if ("global".equals(Yamls.str(doc, "action"))) {
            return SIGMA_GLOBAL;
        }
        if (doc.get("correlation") instanceof Map) {
            return SIGMA_CORRELATION;
        }
        if (doc.get("filter") instanceof Map && (doc.containsKey("logsource") || doc.containsKey("title"))) {
            return SIGMA_FILTER;
        }
        if (doc.get("detection") instanceof Map) {
            return SIGMA;
        }
        if (doc.get("logic") != null && (doc.containsKey("logic_format") || doc.containsKey("title"))) {
            return LOGIC;
        }
        if (doc.get("rule") instanceof Map<?, ?> rule && (rule.containsKey("rule_id") || rule.containsKey("name"))
                && (rule.containsKey("type") || rule.containsKey("query") || doc.get("metadata") instanceof Map)) {
            return ELASTIC;
        }
        if (doc.get("query") instanceof String && (doc.containsKey("name") || doc.containsKey("displayName"))
                && SENTINEL_KEYS.stream().anyMatch(doc::containsKey)) {
            return SENTINEL;
        }
        if (isMovedStub(doc)) {
            return SENTINEL_MOVED;
        }
        if (doc.get("search") instanceof String && doc.containsKey("name")) {
            boolean oldLayout = doc.get("tags") instanceof Map<?, ?> tags
                    && (tags.containsKey("mitre_attack_id") || tags.containsKey("analytic_story"));
            return oldLayout ? ESCU_2024 : ESCU_2026;
        }
        if (doc.containsKey("definition") && doc.containsKey("name")) {
            return MACRO;
        }
        if (doc.containsKey("narrative") && doc.containsKey("name")) {
            return STORY;
        }
        if (doc.containsKey("name") && (doc.containsKey("sourcetype") || doc.containsKey("supported_TA"))) {
            return DATA_SOURCE;
        }
        return NOT_A_RULE;
    }

    boolean isRule() {
        return format() != null;
    }

    /** The rule format of this kind, or null for kinds that are not rules. */
    RuleFormat format() {
        return switch (this) {
            case ESCU_2024 -> RuleFormat.ESCU_2024;
            case ESCU_2026 -> RuleFormat.ESCU_2026;
            case LOGIC -> RuleFormat.LOGIC;
            case SIGMA -> RuleFormat.SIGMA;
            case SIGMA_CORRELATION -> RuleFormat.SIGMA_CORRELATION;
            case SIGMA_FILTER -> RuleFormat.SIGMA_FILTER;
            case SENTINEL -> RuleFormat.SENTINEL;
            case ELASTIC -> RuleFormat.ELASTIC;
            default -> null;
        };
    }

    /** Keys only Sentinel analytic rules have, besides {@code query} and a name. */
    private static final List<String> SENTINEL_KEYS = List.of("queryFrequency", "queryPeriod", "triggerOperator",
            "triggerThreshold", "requiredDataConnectors", "relevantTechniques", "entityMappings", "tactics", "kind", "severity");

    /**
     * A Sentinel rule file left behind when the content moved to Solutions: an id, a name and a description saying
     * where it went, but no query.
     */
    static boolean isMovedStub(Map<String, Object> doc) {
        if (doc.containsKey("query") || !doc.containsKey("name") || !doc.containsKey("id")) {
            return false;
        }
        String description = Yamls.str(doc, "description");
        return description != null && description.toLowerCase(java.util.Locale.ROOT).contains("moved to new location");
    }

    static final List<DocumentKind> SUPPORTING = List.of(MACRO, DATA_SOURCE, STORY);

    /** Old Sigma collections: the {@code action: global} document is merged under each document that follows. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> global, Map<String, Object> doc) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(global);
        merged.remove("action");
        doc.forEach((key, value) -> {
            Object base = merged.get(key);
            if (base instanceof Map<?, ?> b && value instanceof Map<?, ?> v) {
                merged.put(key, merge((Map<String, Object>) b, (Map<String, Object>) v));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static final java.util.regex.Pattern MOVED_TO = java.util.regex.Pattern.compile("(https?://\\S+?)['\"\\s]*$");

    /** Why a moved stub is skipped, with where the rule went when the stub says so. */
    static String movedReason(Map<String, Object> doc) {
        String description = Yamls.str(doc, "description");
        java.util.regex.Matcher m = description == null ? null : MOVED_TO.matcher(description.strip());
        return "moved: a stub for a rule that moved to the Solutions folder" + (m != null && m.find() ? " (now " + m.group(1) + ")" : "");
    }
}
