package io.rulescope.rule;

import java.util.List;
import java.util.Map;

/** Totals for the home page, computed once per ingest (ATT&CK coverage comes from the matrix, its one definition). Maps are ordered most rules first (tactics: matrix order). */
public record CatalogSummary(int rules, Map<String, Integer> byPlatform, Map<String, Integer> bySource,
        List<TacticCount> byTactic, Map<String, Integer> byStatus) {

    public static final CatalogSummary EMPTY = new CatalogSummary(0, Map.of(), Map.of(), List.of(), Map.of());

    public record TacticCount(String id, String shortName, String name, int rules) {
    }
}
