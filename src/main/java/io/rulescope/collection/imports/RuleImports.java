package io.rulescope.collection.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rulescope.collection.Unmatched;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;

/**
 * An imported file matched against the catalog: each item by its ids first, then its titles, then its search text
 * (whitespace aside). What matches nothing is reported with the ways it was tried.
 */
public final class RuleImports {

    /** Larger files are refused before they are read. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private RuleImports() {
    }

    /**
     * What an import found: the rules, what matched none and why; for a Navigator layer, its techniques as a search
     * (nothing is added until the user confirms it).
     */
    public record Report(ImportFormat format, int items, List<Rule> matched, List<Unmatched> unmatched, String search,
            List<String> techniques) {
    }

    /** @throws ImportProblem when the text is not a file of that format */
    public static Report read(ImportFormat format, String text, RuleSet rules) {
        if (format == ImportFormat.NAVIGATOR) {
            List<String> techniques = JsonExports.navigatorTechniques(text);
            String search = techniques.isEmpty() ? "" : String.join(" OR ", techniques.stream().map(t -> "technique:" + t).toList());
            return new Report(format, techniques.size(), List.of(), List.of(), search, techniques);
        }
        List<ImportedItem> items = switch (format) {
            case SAVEDSEARCHES -> SavedSearchesFile.read(text);
            case SENTINEL_ARM -> JsonExports.sentinelArm(text);
            case ELASTIC_NDJSON -> JsonExports.elasticNdjson(text);
            case NAVIGATOR -> throw new IllegalStateException();
        };
        return match(format, items, rules);
    }

    private static Report match(ImportFormat format, List<ImportedItem> items, RuleSet rules) {
        Map<String, List<Rule>> byTitle = new HashMap<>();
        Map<String, List<Rule>> byQuery = new HashMap<>();
        for (Rule rule : rules.all()) {
            if (rule.getTitle() != null) {
                byTitle.computeIfAbsent(rule.getTitle().strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(rule);
            }
            if (rule.getQuery() != null && !rule.getQuery().isBlank()) {
                byQuery.computeIfAbsent(normalized(rule.getQuery()), k -> new ArrayList<>()).add(rule);
            }
        }
        Map<String, Rule> matched = new LinkedHashMap<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (ImportedItem item : items) {
            List<Rule> found = new ArrayList<>();
            for (String id : item.ids()) {
                found.addAll(rules.withId(id));
                found.addAll(rules.withId(id.toLowerCase(Locale.ROOT)));
            }
            for (int i = 0; found.isEmpty() && i < item.titles().size(); i++) {
                found.addAll(byTitle.getOrDefault(item.titles().get(i).strip().toLowerCase(Locale.ROOT), List.of()));
            }
            if (found.isEmpty() && item.searchText() != null) {
                found.addAll(byQuery.getOrDefault(normalized(item.searchText()), List.of()));
            }
            if (found.isEmpty()) {
                unmatched.add(new Unmatched(item.label(), reason(item)));
            }
            found.forEach(rule -> matched.putIfAbsent(rule.getUid(), rule));
        }
        return new Report(format, items.size(), List.copyOf(matched.values()), unmatched, null, List.of());
    }

    private static String reason(ImportedItem item) {
        List<String> tried = new ArrayList<>();
        if (!item.ids().isEmpty()) {
            tried.add("no rule has the id " + String.join(" or ", item.ids()));
        }
        if (!item.titles().isEmpty()) {
            tried.add("none is titled " + String.join(" or ", item.titles().stream().map(t -> "'" + t + "'").toList()));
        }
        if (item.searchText() != null) {
            tried.add("none has this search text");
        }
        return tried.isEmpty() ? "it names no rule (no id, title or search)" : String.join("; ", tried);
    }

    /** Queries compared as written, apart from layout: runs of whitespace count as one space. */
    static String normalized(String query) {
        return query.replaceAll("\\s+", " ").strip();
    }
}
