package io.rulescope.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters a listing page offers (all rules, a source, a tactic, a technique), null or blank meaning "any". Every
 * listing is a search: {@link #query()} spells the filter in the search language, so listings, the search page and
 * the exports share one path, one cache and one meaning of each filter.
 */
public record RuleFilter(String platform, String source, String status, String tactic, String technique) {

    public static final RuleFilter NONE = new RuleFilter(null, null, null, null, null);

    public RuleFilter(String platform, String source, String status, String tactic) {
        this(platform, source, status, tactic, null);
    }

    public static RuleFilter ofTechnique(String id) {
        return new RuleFilter(null, null, null, null, id);
    }

    public static RuleFilter ofTactic(String shortName) {
        return new RuleFilter(null, null, null, shortName, null);
    }

    public RuleFilter withStatus(String value) {
        return new RuleFilter(platform, source, value, tactic, technique);
    }

    public RuleFilter withoutStatus() {
        return withStatus(null);
    }

    public boolean isEmpty() {
        return query().isEmpty();
    }

    /** The filter as a search, {@code platform:"Sigma" status:"test"}; blank when it filters nothing. */
    public String query() {
        List<String> parts = new ArrayList<>();
        add(parts, "platform", platform);
        add(parts, "source", source);
        add(parts, "status", status);
        add(parts, "tactic", tactic);
        add(parts, "technique", technique);
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (!blank(value)) {
            parts.add(name + ":\"" + value.strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
