package io.rulescope.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters a listing page offers (all rules, a source, a tactic, a technique), null or blank meaning "any". Every
 * listing is a search: {@link #query()} spells the filter in the search language, so listings, the search page and
 * the exports share one path, one cache and one meaning of each filter.
 */
public record RuleFilter(String platform, String source, String status, String tactic, String technique, String datasource,
        String story) {

    public static final RuleFilter NONE = new RuleFilter(null, null, null, null);

    /** The filters of the rule list page. */
    public RuleFilter(String platform, String source, String status, String tactic) {
        this(platform, source, status, tactic, null, null, null);
    }

    public static RuleFilter ofTechnique(String id) {
        return new RuleFilter(null, null, null, null, id, null, null);
    }

    public static RuleFilter ofTactic(String shortName) {
        return new RuleFilter(null, null, null, shortName, null, null, null);
    }

    public static RuleFilter ofSource(String name) {
        return new RuleFilter(null, name, null, null, null, null, null);
    }

    public static RuleFilter ofDataSource(String name) {
        return new RuleFilter(null, null, null, null, null, name, null);
    }

    public static RuleFilter ofStory(String name) {
        return new RuleFilter(null, null, null, null, null, null, name);
    }

    public RuleFilter withStatus(String value) {
        return new RuleFilter(platform, source, value, tactic, technique, datasource, story);
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
        add(parts, "datasource", datasource);
        add(parts, "story", story);
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
