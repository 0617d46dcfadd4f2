package io.rulescope.ingest.read;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.rule.Rule;

/**
 * Says, once per kind and with counts, when rules name tactics or techniques the loaded ATT&CK lacks: a sign that
 * the sources follow a newer release than the one loaded (SigmaHQ moved to v19 in April 2026).
 */
public final class AttackWarnings {

    static final String SOURCE = "(all sources)";
    static final String PATH = "(ATT&CK)";
    private static final int LISTED = 8;

    private AttackWarnings() {
    }

    public static List<IngestProblem> of(List<Rule> rules, AttackCatalog attack) {
        Map<String, Integer> tactics = new TreeMap<>();
        Map<String, Integer> techniques = new TreeMap<>();
        int rulesWithTactics = 0;
        int rulesWithTechniques = 0;
        for (Rule rule : rules) {
            Set<String> unknownTactics = new HashSet<>();
            for (AttackCatalog.CoverageRow row : attack.coverage(rule.getTechniqueIds(), rule.getTacticHints())) {
                if (row.tactic() != null && !row.tactic().isKnown()) {
                    unknownTactics.add(row.tactic().shortName());
                }
            }
            Set<String> unknownTechniques = rule.getTechniqueIds().stream().filter(id -> attack.technique(id).isEmpty())
                    .collect(Collectors.toSet());
            unknownTactics.forEach(t -> tactics.merge(t, 1, Integer::sum));
            unknownTechniques.forEach(t -> techniques.merge(t, 1, Integer::sum));
            rulesWithTactics += unknownTactics.isEmpty() ? 0 : 1;
            rulesWithTechniques += unknownTechniques.isEmpty() ? 0 : 1;
        }
        String advice = " Load a newer ATT&CK with rulescope.attack.bundle.";
        List<IngestProblem> out = new ArrayList<>();
        if (rulesWithTactics > 0) {
            out.add(IngestProblem.warning(SOURCE, PATH, count(rulesWithTactics) + " declare tactics the loaded ATT&CK "
                    + attack.release() + " does not have (" + top(tactics) + "); they are kept under their own names." + advice));
        }
        if (rulesWithTechniques > 0) {
            out.add(IngestProblem.warning(SOURCE, PATH, count(rulesWithTechniques) + " name techniques the loaded ATT&CK "
                    + attack.release() + " does not have (" + top(techniques) + "); they are kept, under the tactics the rules name."
                    + advice));
        }
        return out;
    }

    private static String count(int rules) {
        return NumberFormat.getIntegerInstance(Locale.ROOT).format(rules) + (rules == 1 ? " rule" : " rules");
    }

    /** The most named first: {@code stealth: 1,099; defense-impairment: 415}. */
    private static String top(Map<String, Integer> counts) {
        Map<String, Integer> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        String listed = sorted.entrySet().stream().limit(LISTED).map(e -> e.getKey() + ": " + n.format(e.getValue()))
                .collect(Collectors.joining("; "));
        return sorted.size() > LISTED ? listed + "; and " + (sorted.size() - LISTED) + " more" : listed;
    }
}
