package io.rulescope.dialect.kql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rulescope.dialect.Yamls;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.rule.Rule;

/**
 * Maps Microsoft Sentinel analytic rules: the repository layout ({@code name}, {@code relevantTechniques},
 * {@code subTechniques}, {@code requiredDataConnectors}) and the portal's export layout ({@code displayName},
 * {@code techniques}, {@code enabled}, ISO-8601 durations).
 */
final class SentinelMapper {

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])");

    private SentinelMapper() {
    }

    static Rule map(Map<String, Object> doc, RuleDocument ctx) {
        String name = Yamls.str(doc, "name") != null ? Yamls.str(doc, "name") : Yamls.str(doc, "displayName");
        Rule rule = ctx.newRule(Yamls.str(doc, "id"), name, KqlDialect.SENTINEL);
        rule.setDescription(unquote(Yamls.text(doc, "description")));
        rule.setSeverity(lower(Yamls.str(doc, "severity")));
        rule.setStatus(status(doc));
        rule.setRuleType(Yamls.str(doc, "kind"));
        rule.setQuery(Yamls.text(doc, "query"));
        rule.setSchedule(schedule(doc));
        rule.setTimespan(Yamls.str(doc, "queryPeriod"));
        Map<String, Object> metadata = Yamls.map(doc, "metadata");
        rule.setAuthor(Yamls.str(Yamls.map(metadata, "author"), "name"));
        rule.setCreated(ctx.date(doc, "createdDateUTC"));
        rule.setModified(ctx.date(doc, "lastUpdatedDateUTC"));
        List<String> techniques = new ArrayList<>();
        techniques.addAll(Yamls.list(doc, "relevantTechniques"));
        techniques.addAll(Yamls.list(doc, "subTechniques"));
        techniques.addAll(Yamls.list(doc, "techniques"));
        rule.setTechniqueIds(ctx.techniqueIds(List.copyOf(new LinkedHashSet<>(techniques))));
        rule.setTacticHints(Yamls.list(doc, "tactics").stream().map(SentinelMapper::tactic).toList());
        rule.setDataSources(connectors(doc));
        rule.setStories(Yamls.list(doc, "tags").stream().filter(t -> t.length() <= 80).toList());
        if (rule.getQuery() == null) {
            ctx.warn("the rule has no query");
        }
        return rule;
    }

    /**
     * {@code CredentialAccess} is ATT&CK's {@code credential-access}; forms that do not split at capitals
     * ({@code CommandandControl}) are matched letters-only by the ATT&CK catalog.
     */
    static String tactic(String written) {
        return CAMEL.matcher(written.strip()).replaceAll("-").replace(' ', '-').toLowerCase(Locale.ROOT);
    }

    private static String status(Map<String, Object> doc) {
        String status = Yamls.str(doc, "status");
        if (status == null && doc.get("enabled") instanceof Boolean enabled) {
            return enabled ? "enabled" : "disabled";
        }
        return status == null ? null : status.toLowerCase(Locale.ROOT);
    }

    /** The connectors a rule needs, each once, as the data sources to search by. */
    private static List<String> connectors(Map<String, Object> doc) {
        Set<String> names = new LinkedHashSet<>();
        if (doc.get("requiredDataConnectors") instanceof List<?> connectors) {
            for (Object c : connectors) {
                String id = Yamls.str(Yamls.map(c), "connectorId");
                if (id != null) {
                    names.add(id);
                }
            }
        }
        return List.copyOf(names);
    }

    /** "Scheduled every 1d over the last 14d; alerts when results > 0", or "near real time" for NRT rules. */
    private static String schedule(Map<String, Object> doc) {
        String kind = Yamls.str(doc, "kind");
        String frequency = duration(Yamls.str(doc, "queryFrequency"));
        String period = duration(Yamls.str(doc, "queryPeriod"));
        String operator = Yamls.str(doc, "triggerOperator");
        String threshold = Yamls.str(doc, "triggerThreshold");
        List<String> parts = new ArrayList<>();
        if ("nrt".equalsIgnoreCase(kind)) {
            parts.add("near real time (every minute)");
        } else if (frequency != null) {
            parts.add("every " + frequency + (period != null ? " over the last " + period : ""));
        }
        if (operator != null && threshold != null) {
            parts.add("alerts when results " + comparison(operator) + " " + threshold);
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String comparison(String operator) {
        return switch (operator.toLowerCase(Locale.ROOT)) {
            case "gt", "greaterthan" -> ">";
            case "lt", "lessthan" -> "<";
            case "eq", "equal" -> "=";
            case "ne", "notequal" -> "≠";
            default -> operator;
        };
    }

    /** {@code PT5H} and {@code P1D} (the export layout) read as {@code 5h} and {@code 1d}; {@code 1d} stays. */
    static String duration(String written) {
        if (written == null || !written.toUpperCase(Locale.ROOT).startsWith("P")) {
            return written;
        }
        String iso = written.toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("(\\d+)([DHMS])").matcher(iso.replace("PT", "P"));
        while (m.find()) {
            out.append(m.group(1)).append(m.group(2).toLowerCase(Locale.ROOT));
        }
        return out.isEmpty() ? written : out.toString();
    }

    /** Sentinel descriptions are often a quoted string inside a block scalar: {@code |  'text'}. */
    static String unquote(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t.isEmpty() ? null : t;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
