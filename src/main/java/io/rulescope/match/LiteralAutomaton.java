package io.rulescope.match;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * An Aho-Corasick automaton over a fixed set of literals, laid out in flat arrays: one pass over a text reports every
 * literal it contains. States are numbered breadth first and each state's transitions are a sorted run of
 * (character, target) pairs in two shared arrays, so a step reads a few neighbouring entries (deep states have one
 * child) and the root steps through a 128-entry table for ASCII. For the shared corpus's literals the library
 * automaton used before (org.ahocorasick, a HashMap of boxed characters per state) held 127 MB of heap; this holds a
 * tenth of it and scans without allocating.
 */
final class LiteralAutomaton {

    /** Transitions out of the root for ASCII characters, the most common step. */
    private final int[] rootAscii = new int[128];
    /** State {@code s}'s transitions are entries {@code first[s]} to {@code first[s + 1]}, sorted by character. */
    private final int[] first;
    private final char[] labels;
    private final int[] targets;
    private final int[] fail;
    /** The literal ending at a state, or -1. */
    private final int[] output;
    /** The nearest state on the fail chain that ends a literal, or 0 (the root ends none). */
    private final int[] outputLink;

    private LiteralAutomaton(int[] first, char[] labels, int[] targets, int[] output) {
        this.first = first;
        this.labels = labels;
        this.targets = targets;
        this.output = output;
        this.fail = new int[output.length];
        this.outputLink = new int[output.length];
    }

    /** @param literals non-empty, distinct; a literal's id is its position in the list */
    static LiteralAutomaton build(List<String> literals) {
        // A plain trie first, then renumbered breadth first into the flat layout.
        Map<Long, Integer> edges = new HashMap<>();
        int[] out = new int[16];
        Arrays.fill(out, -1);
        int states = 1;
        for (int id = 0; id < literals.size(); id++) {
            String literal = literals.get(id);
            int state = 0;
            for (int i = 0; i < literal.length(); i++) {
                long key = ((long) state << 16) | literal.charAt(i);
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
        long[][] children = childrenOf(edges, states);
        int[] order = new int[states];
        int[] renumbered = new int[states];
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int s = order[head];
            renumbered[s] = head++;
            for (long child : children[s]) {
                order[tail++] = (int) child;
            }
        }
        int[] first = new int[states + 1];
        char[] labels = new char[edges.size()];
        int[] targets = new int[edges.size()];
        int[] output = new int[states];
        int at = 0;
        for (int n = 0; n < states; n++) {
            int s = order[n];
            first[n] = at;
            output[n] = out[s];
            for (long child : children[s]) {
                labels[at] = (char) (child >>> 32);
                targets[at++] = renumbered[(int) child];
            }
        }
        first[states] = at;
        LiteralAutomaton automaton = new LiteralAutomaton(first, labels, targets, output);
        for (char c = 0; c < 128; c++) {
            automaton.rootAscii[c] = automaton.child(0, c);
        }
        automaton.link();
        return automaton;
    }

    /** Per state, its children as (character << 32 | child), sorted by character. */
    private static long[][] childrenOf(Map<Long, Integer> edges, int states) {
        int[] counts = new int[states];
        edges.keySet().forEach(k -> counts[(int) (k >>> 16)]++);
        long[][] children = new long[states][];
        for (int s = 0; s < states; s++) {
            children[s] = new long[counts[s]];
        }
        int[] fill = new int[states];
        edges.forEach((k, child) -> {
            int parent = (int) (k >>> 16);
            children[parent][fill[parent]++] = ((k & 0xFFFF) << 32) | child;
        });
        for (long[] c : children) {
            Arrays.sort(c);
        }
        return children;
    }

    /** Fail and output links, breadth first (states are numbered in that order). */
    private void link() {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int e = first[u]; e < first[u + 1]; e++) {
                char c = labels[e];
                int v = targets[e];
                if (u == 0) {
                    fail[v] = 0;
                } else {
                    int f = fail[u];
                    int next;
                    while ((next = step(f, c)) < 0 && f != 0) {
                        f = fail[f];
                    }
                    fail[v] = next >= 0 ? next : 0;
                }
                int w = fail[v];
                outputLink[v] = output[w] >= 0 ? w : outputLink[w];
                queue.add(v);
            }
        }
    }

    private int step(int state, char c) {
        return state == 0 && c < 128 ? rootAscii[c] : child(state, c);
    }

    /** The child of {@code state} on {@code c}, or -1: a scan of a short sorted run, or a binary search of a long one. */
    private int child(int state, char c) {
        int lo = first[state];
        int hi = first[state + 1] - 1;
        if (hi - lo < 8) {
            for (int e = lo; e <= hi; e++) {
                if (labels[e] == c) {
                    return targets[e];
                }
                if (labels[e] > c) {
                    return -1;
                }
            }
            return -1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = labels[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return targets[mid];
            }
        }
        return -1;
    }

    /** Calls {@code found} with the id of every literal occurring in {@code text} (once per occurrence). */
    void scan(String text, IntConsumer found) {
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int next;
            while ((next = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = next < 0 ? 0 : next;
            for (int s = output[state] >= 0 ? state : outputLink[state]; s != 0; s = outputLink[s]) {
                found.accept(output[s]);
            }
        }
    }
}
