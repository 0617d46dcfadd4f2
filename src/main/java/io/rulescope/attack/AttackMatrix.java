package io.rulescope.attack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The Enterprise matrix with a rule count per cell: tactics as columns in matrix order, techniques as cells. */
public record AttackMatrix(List<Column> columns, long covered, long total) {

    public record Column(Tactic tactic, List<Cell> cells) {
    }

    /** @param rules rules mapped to the technique or any of its sub-techniques */
    public record Cell(Technique technique, long rules, List<Cell> subTechniques) {

        /** Shade class 0 (gap) to 5, so coverage reads at a glance. */
        public int shade() {
            return rules == 0 ? 0 : rules == 1 ? 1 : rules < 5 ? 2 : rules < 10 ? 3 : rules < 25 ? 4 : 5;
        }
    }

    static AttackMatrix of(AttackCatalog attack, Map<String, Long> counts) {
        List<Column> columns = new ArrayList<>();
        long covered = 0;
        long total = 0;
        List<Technique> live = attack.techniques().stream().filter(t -> !t.isWithdrawn()).toList();
        Map<String, List<Technique>> subsByParent = new java.util.HashMap<>();
        live.stream().filter(Technique::isSubTechnique).forEach(s -> subsByParent.computeIfAbsent(s.parentId(), k -> new ArrayList<>()).add(s));
        for (Tactic tactic : attack.tactics()) {
            List<Cell> cells = new ArrayList<>();
            for (Technique t : live) {
                if (t.isSubTechnique() || !t.tactics().contains(tactic.shortName())) {
                    continue;
                }
                List<Cell> subs = subsByParent.getOrDefault(t.id(), List.of()).stream()
                        .map(s -> new Cell(s, counts.getOrDefault(s.id(), 0L), List.of())).toList();
                Cell cell = new Cell(t, counts.getOrDefault(t.id(), 0L), subs);
                cells.add(cell);
                total++;
                covered += cell.rules() > 0 ? 1 : 0;
            }
            cells.sort(Comparator.comparing((Cell c) -> c.technique().name()));
            columns.add(new Column(tactic, List.copyOf(cells)));
        }
        return new AttackMatrix(List.copyOf(columns), covered, total);
    }
}
