package io.rulescope.ingest.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.Tactic;
import io.rulescope.rule.CatalogSummary;
import io.rulescope.rule.Rule;

/** Computes the home page totals in one pass over the catalog. */
public final class CatalogSummaries {

    private CatalogSummaries() {
    }

    public static CatalogSummary of(List<Rule> catalog, AttackCatalog attack) {
        Map<String, Integer> perTactic = new HashMap<>();
        Map<String, Tactic> unknown = new java.util.TreeMap<>();
        for (Rule rule : catalog) {
            attack.coverage(rule.getTechniqueIds(), rule.getTacticHints()).stream()
                    .filter(row -> row.tactic() != null)
                    .forEach(row -> {
                        perTactic.merge(row.tactic().shortName(), 1, Integer::sum);
                        if (!row.tactic().isKnown()) {
                            unknown.putIfAbsent(row.tactic().shortName(), row.tactic());
                        }
                    });
        }
        List<CatalogSummary.TacticCount> tactics = new ArrayList<>();
        for (Tactic t : attack.tactics()) {
            tactics.add(new CatalogSummary.TacticCount(t.id(), t.shortName(), t.name(), perTactic.getOrDefault(t.shortName(), 0)));
        }
        // Tactics rules declare that the loaded ATT&CK lacks follow its own, under their own names.
        unknown.values().forEach(t -> tactics.add(new CatalogSummary.TacticCount(t.key(), t.shortName(), t.name(),
                perTactic.getOrDefault(t.shortName(), 0))));
        return new CatalogSummary(catalog.size(), IngestRun.countBy(catalog, Rule::getPlatform),
                IngestRun.countBy(catalog, Rule::getSourceName), List.copyOf(tactics),
                IngestRun.countBy(catalog, Rule::getStatusOrUnknown));
    }
}
