package io.rulescope.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends an event only to the rules that can match it. For each rule it works out a set of anchors at least one of
 * which every matching event has (a field containing a literal, or merely having the field): an AND needs any one of
 * its parts, so the part with the longest literals is chosen; an OR needs one of each branch's. An event's values are
 * scanned once per field with an Aho-Corasick automaton over every literal of that field. Rules with no anchor (only
 * exclusions, absences) are always candidates. The prefilter never drops a true match: {@code PrefilterTest} checks
 * it against evaluating every rule.
 *
 * <p>It also finds rules any one of whose predicates' literals the event contains, the candidates for "nearly
 * fires".
 */
final class Prefilter {

    /** Field key of anchors that any value of the event may satisfy (keywords). */
    static final String ANY_FIELD = "\u0000any";

    /**
     * Literals are cut to this many characters: any piece of a required literal is itself required, and longer ones
     * only add automaton states (command lines run to hundreds of characters) without letting fewer events through.
     */
    static final int MAX_LITERAL = 24;

    private record Anchor(String key, String literal) {
    }

    /** Which programs an (event field, literal) pair is needed by, and which merely use it. */
    private record Targets(int[] needed, int[] used) {
    }

    /** Per field, the automaton over its literals and what each literal (by id) leads to. */
    private record FieldScan(LiteralAutomaton automaton, Targets[] targets) {
    }

    /** Every literal rules need or use, for the full answer (fire and near candidates at once). */
    private final Map<String, FieldScan> scans = new HashMap<>();
    /**
     * Only the literals some rule needs, for the streaming path: without the short literals only near misses use, a
     * scan reports far fewer literals that lead nowhere (about 6 MB more heap on the shared corpus).
     */
    private final Map<String, FieldScan> fireScans = new HashMap<>();
    private final Map<String, int[]> presence = new HashMap<>();
    /** Programs that are candidates for every event, as words of a bit set. */
    private final long[] always;
    private final int words;

    Prefilter(List<Program> programs) {
        this.words = (programs.size() + 63) >>> 6;
        BitSet always = new BitSet(programs.size());
        Map<Anchor, List<Integer>> needed = new HashMap<>();
        Map<Anchor, List<Integer>> used = new HashMap<>();
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            if (!p.evaluable()) {
                continue;
            }
            Set<Anchor> anchors = necessary(p.root());
            if (anchors == null) {
                always.set(i);
            } else {
                for (Anchor a : anchors) {
                    needed.computeIfAbsent(a, k -> new ArrayList<>()).add(i);
                }
            }
            Set<Anchor> all = new HashSet<>();
            literals(p.root(), all);
            for (Anchor a : all) {
                used.computeIfAbsent(a, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Map<String, Targets>> byKey = new HashMap<>();
        Map<String, Map<String, Targets>> neededByKey = new HashMap<>();
        Set<Anchor> keys = new HashSet<>(needed.keySet());
        keys.addAll(used.keySet());
        for (Anchor a : keys) {
            Targets t = new Targets(ints(needed.get(a)), ints(used.get(a)));
            if (a.literal().isEmpty()) {
                presence.put(a.key(), t.needed());
            } else {
                byKey.computeIfAbsent(a.key(), k -> new HashMap<>()).put(a.literal(), t);
                if (t.needed().length > 0) {
                    neededByKey.computeIfAbsent(a.key(), k -> new HashMap<>()).put(a.literal(), t);
                }
            }
        }
        this.always = Arrays.copyOf(always.toLongArray(), words);
        byKey.forEach((key, literals) -> scans.put(key, fieldScan(literals)));
        neededByKey.forEach((key, literals) -> fireScans.put(key, fieldScan(literals)));
    }

    private static FieldScan fieldScan(Map<String, Targets> literals) {
        List<String> words = new ArrayList<>(literals.keySet());
        Targets[] targets = words.stream().map(literals::get).toArray(Targets[]::new);
        return new FieldScan(LiteralAutomaton.build(words), targets);
    }

    /**
     * The programs that can fire on the event ({@code fire}), and those worth scoring as near misses ({@code near}):
     * the fire candidates and every rule two or more of whose literals the event contains, since "nearly fires"
     * needs at least two matched predicates.
     */
    record Candidates(BitSet fire, BitSet near) {
    }

    Candidates candidates(EventFields event, boolean withNear) {
        Pass pass = new Pass(Arrays.copyOf(always, words), withNear ? new long[words] : null, withNear ? new long[words] : null);
        Map<String, FieldScan> scans = withNear ? this.scans : fireScans;
        for (Map.Entry<String, List<EventFields.Value>> e : event.byKey().entrySet()) {
            int[] present = presence.get(e.getKey());
            if (present != null) {
                for (int i : present) {
                    set(pass.fire, i);
                }
            }
            FieldScan scan = scans.get(e.getKey());
            if (scan != null) {
                pass.scan(scan, e.getValue());
            }
        }
        FieldScan any = scans.get(ANY_FIELD);
        if (any != null) {
            pass.scan(any, event.all());
        }
        BitSet fire = BitSet.valueOf(pass.fire);
        if (!withNear) {
            return new Candidates(fire, null);
        }
        for (int w = 0; w < words; w++) {
            pass.twice[w] |= pass.fire[w];
        }
        return new Candidates(fire, BitSet.valueOf(pass.twice));
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    /**
     * One event's pass over the automata: the fire candidates and, for near misses, the programs one and two or
     * more of whose distinct literals were found, as words of bit sets (a few kilobytes per event, not a counter per
     * program).
     */
    private record Pass(long[] fire, long[] once, long[] twice, SeenIds seen) {

        Pass(long[] fire, long[] once, long[] twice) {
            this(fire, once, twice, new SeenIds());
        }

        /** A literal is acted on once per field however often it occurs (a path separator may occur many times). */
        void scan(FieldScan scan, List<EventFields.Value> values) {
            seen.clear();
            for (EventFields.Value v : values) {
                scan.automaton().scan(v.lower(), id -> {
                    if (!seen.add(id)) {
                        return;
                    }
                    Targets t = scan.targets()[id];
                    for (int i : t.needed()) {
                        set(fire, i);
                    }
                    if (once != null) {
                        for (int i : t.used()) {
                            long bit = 1L << i;
                            if ((once[i >>> 6] & bit) != 0) {
                                twice[i >>> 6] |= bit;
                            } else {
                                once[i >>> 6] |= bit;
                            }
                        }
                    }
                });
            }
        }
    }

    /** Anchors one of which every event the node accepts has; null when there is no such set (it accepts without). */
    private static Set<Anchor> necessary(Node node) {
        if (node instanceof Node.Named named) {
            return necessary(named.inner());
        }
        if (node instanceof Node.And and) {
            Set<Anchor> best = null;
            for (Node part : and.parts()) {
                Set<Anchor> s = necessary(part);
                if (s != null && (best == null || selectivity(s) > selectivity(best))) {
                    best = s;
                }
            }
            return best;
        }
        if (node instanceof Node.Or or) {
            Set<Anchor> union = new HashSet<>();
            for (Node part : or.parts()) {
                Set<Anchor> s = necessary(part);
                if (s == null) {
                    return null;
                }
                union.addAll(s);
            }
            return union;
        }
        if (node instanceof Node.Never) {
            return Set.of();
        }
        if (node instanceof Leaf.Text text) {
            Set<Anchor> out = new HashSet<>();
            for (TextPattern p : text.patterns()) {
                out.add(new Anchor(text.key, cut(p.requiredLiteral())));
            }
            return out;
        }
        if (node instanceof Leaf.Keyword keyword) {
            Set<Anchor> out = new HashSet<>();
            for (TextPattern p : keyword.patterns()) {
                String literal = p.requiredLiteral();
                if (literal.isEmpty()) {
                    return null;
                }
                out.add(new Anchor(ANY_FIELD, cut(literal)));
            }
            return out;
        }
        if (node instanceof Leaf.Null) {
            return null;
        }
        if (node instanceof Leaf.Regex regex) {
            String literal = regex.facts().longest();
            return Set.of(new Anchor(regex.key, literal.length() >= 3 ? cut(literal) : ""));
        }
        if (node instanceof Leaf leaf) {
            return Set.of(new Anchor(leaf.key, ""));
        }
        return null;
    }

    /** How few events an anchor set lets through, roughly: its shortest literal, presence-only anchors worst. */
    private static int selectivity(Set<Anchor> anchors) {
        if (anchors.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        int shortest = Integer.MAX_VALUE;
        for (Anchor a : anchors) {
            shortest = Math.min(shortest, a.literal().length());
        }
        return shortest * 4 - Math.min(3, anchors.size() / 8);
    }

    /** Every literal the node's positive predicates look for, for the near candidates. */
    private static void literals(Node node, Set<Anchor> out) {
        if (node instanceof Node.Named named) {
            literals(named.inner(), out);
        } else if (node instanceof Node.And and) {
            and.parts().forEach(p -> literals(p, out));
        } else if (node instanceof Node.Or or) {
            or.parts().forEach(p -> literals(p, out));
        } else if (node instanceof Leaf.Text text) {
            for (TextPattern p : text.patterns()) {
                String literal = p.requiredLiteral();
                if (!literal.isEmpty()) {
                    out.add(new Anchor(text.key, cut(literal)));
                }
            }
        } else if (node instanceof Leaf.Keyword keyword) {
            for (TextPattern p : keyword.patterns()) {
                String literal = p.requiredLiteral();
                if (!literal.isEmpty()) {
                    out.add(new Anchor(ANY_FIELD, cut(literal)));
                }
            }
        }
    }

    private static String cut(String literal) {
        return literal.length() > MAX_LITERAL ? literal.substring(0, MAX_LITERAL) : literal;
    }

    private static int[] ints(List<Integer> list) {
        return list == null ? new int[0] : list.stream().mapToInt(Integer::intValue).toArray();
    }
}
