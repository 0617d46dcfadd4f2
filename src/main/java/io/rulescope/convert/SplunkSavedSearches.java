package io.rulescope.convert;

import java.util.List;
import java.util.function.Function;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.rule.Rule;

/**
 * A Splunk {@code savedsearches.conf}: a {@code [default]} stanza, then one stanza per rule with its description,
 * search and ATT&CK annotations (as Splunk Enterprise Security reads {@code action.correlationsearch.annotations}).
 * A value goes on over several lines by ending each but the last with a backslash, as Splunk's .conf files do.
 */
final class SplunkSavedSearches {

    private SplunkSavedSearches() {
    }

    static String write(RuleExport export, AttackCatalog attack, String about) {
        StringBuilder out = new StringBuilder();
        for (String line : about.split("\n")) {
            out.append("# ").append(line).append('\n');
        }
        out.append("\n[default]\ndispatch.earliest_time = -30d\ndispatch.latest_time = now\n");
        Function<String, String> names = SiemFiles.uniqueNames();
        for (RuleExport.Exported e : export.converted()) {
            Rule rule = e.rule();
            out.append('\n').append('[').append(names.apply(stanzaName(rule.getTitle()))).append("]\n");
            value(out, "description", SiemFiles.oneLine(rule.getDescription()));
            value(out, "search", e.query());
            List<String> techniques = SiemFiles.techniqueIds(rule);
            if (!techniques.isEmpty()) {
                value(out, "action.correlationsearch.annotations", "{\"mitre_attack\": [" + String.join(", ",
                        techniques.stream().map(t -> "\"" + t + "\"").toList()) + "]}");
            }
            value(out, "alert.severity", String.valueOf(severity(rule)));
        }
        return out.toString();
    }

    /** A stanza name cannot hold brackets or line breaks. */
    private static String stanzaName(String title) {
        String name = SiemFiles.oneLine(title).replace('[', '(').replace(']', ')');
        return name.isEmpty() ? "Untitled rule" : name;
    }

    /**
     * A value over as many lines as it has, each but the last ending in a backslash. A line that itself ends in a
     * backslash gets a space after it: Splunk would read it as going on with the next line.
     */
    private static void value(StringBuilder out, String key, String value) {
        List<String> lines = List.of(value.replace("\r", "").split("\n", -1));
        out.append(key).append(" = ");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).endsWith("\\") ? lines.get(i) + " " : lines.get(i);
            out.append(line).append(i < lines.size() - 1 ? " \\\n" : "\n");
        }
    }

    /** Splunk's alert severities: 1 debug, 2 info, 3 low, 4 medium, 5 high, 6 critical. */
    private static int severity(Rule rule) {
        return switch (SiemFiles.level(rule)) {
            case "informational" -> 2;
            case "low" -> 3;
            case "high" -> 5;
            case "critical" -> 6;
            default -> 4;
        };
    }
}
