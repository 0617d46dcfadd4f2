package io.rulescope.match;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * An Aho-Corasick automaton over a fixed set of literals, laid out in flat arrays: one pass over a text reports every
 * literal it contains. Transitions live in one open-addressed table keyed by (state, character), so a state costs a
 * few ints rather than a map of boxed characters: for the shared corpus's literals the library automaton used before
 * (org.ahocorasick) held 127 MB of heap, this about a tenth of it, and scans without allocating.
 */
final class LiteralAutomaton {

    private static final long EMPTY = -1L;

    /** Transitions out of the root for ASCII characters, the most common step, without probing the table. */
    private final int[] rootAscii = new int[128];
    private final long[] keys;
    private final int[] targets;
    private final int mask;
    private final int[] fail;
    /** The literal ending at a state, or -1. */
    private final int[] output;
    /** The nearest state on the fail chain that ends a literal, or 0 (the root ends none). */
    private final int[] outputLink;

    private LiteralAutomaton(long[] keys, int[] targets, int[] fail, int[] output, int[] outputLink) {
        this.keys = keys;
        this.targets = targets;
        this.mask = keys.length - 1;
        this.fail = fail;
        this.output = output;
        this.outputLink = outputLink;
    }

    /** @param literals non-empty, distinct; a literal's id is its position in the list */
    static LiteralAutomaton build(List<String> literals) {
        Map<Long, Integer> edges = new HashMap<>();
        int[] out = new int[16];
        Arrays.fill(out, -1);
        int states = 1;
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            int state = 0;
            for (int i = 0; i < literal.length(); i++) {
                long key = key(state, literal.charAt(i));
                Integer next = edges.get(key);
                if (next == null) {
                    next = states++;
                    edges.put(key, next);
                    if (states > out.length) {
                        int old = out.length;
                        out = Arrays.copyOf(out, old * 2);
                        Arrays.fill(out, old, out.length, -1);
                    }
                }
                state = next;
            }
            out[state] = id;
        }
        int capacity = Integer.highestOneBit(Math.max(4, edges.size() * 2 - 1)) << 1;
        long[] keys = new long[capacity];
        int[] targets = new int[capacity];
        Arrays.fill(keys, EMPTY);
        int[][] children = childrenOf(edges, states);
        LiteralAutomaton table = new LiteralAutomaton(keys, targets, new int[states], Arrays.copyOf(out, states), new int[states]);
        edges.forEach(table::put);
        for (char c = 0; c < 128; c++) {
            table.rootAscii[c] = table.probe(0, c);
        }
        table.link(children);
        return table;
    }

    /** Per state, its children's keys, for the breadth-first walk that sets fail links. */
    private static int[][] childrenOf(Map<Long, Integer> edges, int states) {
        int[] counts = new int[states];
        edges.keySet().forEach(k -> counts[(int) (k >>> 16)]++);
        int[][] children = new int[states][];
        for (int s = 0; s < states; s++) {
            children[s] = new int[counts[s] * 2];
        }
        int[] fill = new int[states];
        edges.forEach((k, child) -> {
            int parent = (int) (k >>> 16);
            children[parent][fill[parent]++] = (int) (k & 0xFFFF);
            children[parent][fill[parent]++] = child;
        });
        return children;
    }

    private void link(int[][] children) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < children[0].length; i += 2) {
            fail[children[0][i + 1]] = 0;
            queue.add(children[0][i + 1]);
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int i = 0; i < children[u].length; i += 2) {
                char c = (char) children[u][i];
                int v = children[u][i + 1];
                int f = fail[u];
                int next;
                while ((next = get(f, c)) < 0 && f != 0) {
                    f = fail[f];
                }
                fail[v] = next >= 0 && next != v ? next : 0;
                int w = fail[v];
                outputLink[v] = output[w] >= 0 ? w : outputLink[w];
                queue.add(v);
            }
        }
    }

    private static long key(int state, char c) {
        return ((long) state << 16) | c;
    }

    private void put(long key, int target) {
        int i = slot(key);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        targets[i] = target;
    }

    private int get(int state, char c) {
        return state == 0 && c < 128 ? rootAscii[c] : probe(state, c);
    }

    private int probe(int state, char c) {
        long key = key(state, c);
        int i = slot(key);
        long k;
        while ((k = keys[i]) != EMPTY) {
            if (k == key) {
                return targets[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Calls {@code found} with the id of every literal occurring in {@code text} (once per occurrence). */
    void scan(String text, IntConsumer found) {
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int next;
            while ((next = get(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = next < 0 ? 0 : next;
            for (int s = output[state] >= 0 ? state : outputLink[state]; s != 0; s = outputLink[s]) {
                found.accept(output[s]);
            }
        }
    }

    int states() {
        return fail.length;
    }
}
