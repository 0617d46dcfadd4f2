package io.rulescope.attack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Enterprise matrix with a rule count per cell: tactics as columns in matrix order, techniques as cells. What
 * rules declare beyond the loaded ATT&CK is kept: a column per tactic it lacks, and cells, marked, for techniques it
 * does not know, in the columns of the tactics their rules name.
 */
public record AttackMatrix(List<Column> columns, long covered, long total, long subCovered, long subTotal) {

    /**
     * The one definition of the coverage numbers every page shows: techniques of the loaded ATT&CK (sub-techniques
     * apart, withdrawn ones left out, each once however many tactics it serves) with at least one rule mapped to it or
     * to one of its sub-techniques; sub-techniques likewise, counted on their own.
     */
    public static final String COVERED_MEANS = "a technique counts once, with a rule mapped to it or to one of its sub-techniques";

    /** @param rules rules that name this tactic, with or without a technique */
    public record Column(Tactic tactic, long rules, List<Cell> cells) {

        /** Techniques (sub-techniques apart) of this column with at least one rule. */
        public long covered() {
            return cells.stream().filter(c -> c.rules() > 0).count();
        }
    }

    /**
     * @param rules rules mapped to the technique or any of its sub-techniques
     * @param declaredOnly placed here by its rules, not by the loaded ATT&CK (an unknown technique or tactic)
     */
    public record Cell(Technique technique, long rules, List<Cell> subTechniques, boolean declaredOnly) {

        /** Shade class 0 (gap) to 5, so coverage reads at a glance. */
        public int shade() {
            return rules == 0 ? 0 : rules == 1 ? 1 : rules < 5 ? 2 : rules < 10 ? 3 : rules < 25 ? 4 : 5;
        }

        /** The technique's name, or its id where the loaded ATT&CK does not name it. */
        public String label() {
            return technique.name() == null ? technique.id() : technique.name();
        }
    }

    /** What the matrix counts, from one pass over a search's hits. */
    public record Counts(Map<String, Long> techniques, Map<String, Long> tactics, Map<String, Long> placements) {

        public static final Counts NONE = new Counts(Map.of(), Map.of(), Map.of());

        /** Placement facet values are {@code tactic|technique}. */
        public static final String SEPARATOR = "|";
    }

    /** Live techniques per column of the loaded ATT&CK, by name, each with its sub-techniques. */
    record Layout(List<List<Placed>> columns) {

        record Placed(Technique technique, List<Technique> subTechniques) {
        }

        static Layout of(AttackCatalog attack) {
            List<Technique> live = attack.techniques().stream().filter(t -> !t.isWithdrawn()).toList();
            Map<String, List<Technique>> subsByParent = new HashMap<>();
            live.stream().filter(Technique::isSubTechnique).forEach(s -> subsByParent.computeIfAbsent(s.parentId(), k -> new ArrayList<>()).add(s));
            List<List<Placed>> columns = new ArrayList<>();
            for (Tactic tactic : attack.tactics()) {
                columns.add(live.stream().filter(t -> !t.isSubTechnique() && t.tactics().contains(tactic.shortName()))
                        .map(t -> new Placed(t, List.copyOf(subsByParent.getOrDefault(t.id(), List.of()))))
                        .sorted(Comparator.comparing(p -> p.technique().name() == null ? p.technique().id() : p.technique().name()))
                        .toList());
            }
            return new Layout(List.copyOf(columns));
        }
    }

    /** The matrix of these counts; public for pages that compare two (what runs on given telemetry, and all). */
    public static AttackMatrix of(AttackCatalog attack, Counts counts) {
        List<Column> columns = new ArrayList<>();
        Map<String, Boolean> techniques = new HashMap<>();
        Map<String, Boolean> subTechniques = new HashMap<>();
        Layout layout = attack.matrixLayout();
        Map<String, Map<String, Long>> declaredByTactic = declaredPlacements(counts.placements());
        List<Tactic> tactics = attack.tactics();
        for (int c = 0; c < tactics.size(); c++) {
            Tactic tactic = tactics.get(c);
            List<Cell> cells = new ArrayList<>();
            for (Layout.Placed placed : layout.columns().get(c)) {
                List<Cell> subs = new ArrayList<>(placed.subTechniques().size());
                for (Technique s : placed.subTechniques()) {
                    Cell sub = new Cell(s, counts.techniques().getOrDefault(s.id(), 0L), List.of(), false);
                    subs.add(sub);
                    subTechniques.put(s.id(), sub.rules() > 0);
                }
                Cell cell = new Cell(placed.technique(), counts.techniques().getOrDefault(placed.technique().id(), 0L), subs, false);
                cells.add(cell);
                techniques.put(placed.technique().id(), cell.rules() > 0);
            }
            cells.addAll(declaredCells(attack, declaredByTactic.getOrDefault(tactic.shortName(), Map.of())));
            columns.add(new Column(tactic, counts.tactics().getOrDefault(tactic.shortName(), 0L), List.copyOf(cells)));
        }
        counts.tactics().keySet().stream().filter(t -> attack.tactic(t).isEmpty()).sorted().forEach(t -> columns.add(new Column(
                Tactic.unknown(t), counts.tactics().get(t), declaredCells(attack, declaredByTactic.getOrDefault(t, Map.of())))));
        return new AttackMatrix(List.copyOf(columns), countTrue(techniques), techniques.size(), countTrue(subTechniques), subTechniques.size());
    }

    private static long countTrue(Map<String, Boolean> covered) {
        return covered.values().stream().filter(Boolean::booleanValue).count();
    }

    /** {@code tactic|technique} counts as technique counts per tactic. */
    private static Map<String, Map<String, Long>> declaredPlacements(Map<String, Long> placements) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        placements.forEach((key, n) -> {
            int bar = key.indexOf(Counts.SEPARATOR);
            if (bar > 0) {
                out.computeIfAbsent(key.substring(0, bar), k -> new LinkedHashMap<>()).put(key.substring(bar + 1), n);
            }
        });
        return out;
    }

    /** The cells of techniques rules place in a column themselves: parents with their sub-techniques, by id. */
    private static List<Cell> declaredCells(AttackCatalog attack, Map<String, Long> byTechnique) {
        Map<String, List<Cell>> subs = new HashMap<>();
        byTechnique.forEach((id, n) -> {
            if (id.contains(".")) {
                subs.computeIfAbsent(id.substring(0, id.indexOf('.')), k -> new ArrayList<>()).add(new Cell(technique(attack, id), n, List.of(), true));
            }
        });
        List<Cell> out = new ArrayList<>();
        byTechnique.forEach((id, n) -> {
            if (!id.contains(".")) {
                List<Cell> children = new ArrayList<>(subs.getOrDefault(id, List.of()));
                children.sort(Comparator.comparing(c -> c.technique().id()));
                out.add(new Cell(technique(attack, id), n, List.copyOf(children), true));
            }
        });
        out.sort(Comparator.comparing(c -> c.technique().id()));
        return out;
    }

    private static Technique technique(AttackCatalog attack, String id) {
        return attack.technique(id).orElseGet(() -> new Technique(id, null, List.of(), false, false));
    }
}
