package io.rulescope.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * The terms of one field of one index segment, laid out for wildcard patterns: sorted, each with the documents that
 * hold it, and a trigram index so that {@code *whoami*} looks at the few terms holding "who", "hoa", "oam" and "ami"
 * rather than at every term. Lucene's own wildcard query compiles an automaton per search and walks the whole term
 * dictionary for a leading star; under a profile that was two thirds of a distinct search's cost.
 */
final class TermTable {

    /** How often a long scan looks at the time budget. */
    private static final int CHECK_EVERY = 512;

    private final String[] terms;
    private final int[][] docs;
    private final Map<Long, int[]> trigrams;
    private final int maxDoc;

    private TermTable(String[] terms, int[][] docs, Map<Long, int[]> trigrams, int maxDoc) {
        this.terms = terms;
        this.docs = docs;
        this.trigrams = trigrams;
        this.maxDoc = maxDoc;
    }

    /** Reads the field's terms and postings once; a segment never changes, so neither does its table. */
    static TermTable of(LeafReader reader, String field) throws IOException {
        Terms fieldTerms = reader.terms(field);
        if (fieldTerms == null) {
            return new TermTable(new String[0], new int[0][], Map.of(), reader.maxDoc());
        }
        List<String> names = new ArrayList<>();
        List<int[]> postings = new ArrayList<>();
        TermsEnum it = fieldTerms.iterator();
        PostingsEnum docsEnum = null;
        int[] buffer = new int[64];
        for (BytesRef term = it.next(); term != null; term = it.next()) {
            // Interned: the same value is a term of several fields (its own, the bare terms, the indicator text).
            names.add(term.utf8ToString().intern());
            docsEnum = it.postings(docsEnum, PostingsEnum.NONE);
            int n = 0;
            for (int doc = docsEnum.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docsEnum.nextDoc()) {
                if (n == buffer.length) {
                    buffer = Arrays.copyOf(buffer, n * 2);
                }
                buffer[n++] = doc;
            }
            postings.add(Arrays.copyOf(buffer, n));
        }
        // Java string order, so prefix ranges found by binary search agree with String.startsWith.
        Integer[] order = new Integer[names.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
        String[] sorted = new String[order.length];
        int[][] sortedDocs = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = names.get(order[i]);
            sortedDocs[i] = postings.get(order[i]);
        }
        return new TermTable(sorted, sortedDocs, trigramIndex(sorted), reader.maxDoc());
    }

    private static Map<Long, int[]> trigramIndex(String[] terms) {
        Map<Long, int[]> lists = new HashMap<>();
        Map<Long, Integer> sizes = new HashMap<>();
        for (int t = 0; t < terms.length; t++) {
            long last = -1;
            for (long gram : grams(terms[t])) {
                // grams() are sorted, so a term repeating a trigram adds itself once.
                if (gram != last) {
                    int size = sizes.merge(gram, 1, Integer::sum);
                    int[] list = lists.get(gram);
                    if (list == null || list.length < size) {
                        list = list == null ? new int[4] : Arrays.copyOf(list, list.length * 2);
                        lists.put(gram, list);
                    }
                    list[size - 1] = t;
                    last = gram;
                }
            }
        }
        Map<Long, int[]> trimmed = new HashMap<>(lists.size() * 2);
        lists.forEach((gram, list) -> trimmed.put(gram, Arrays.copyOf(list, sizes.get(gram))));
        return trimmed;
    }

    private static long[] grams(String text) {
        if (text.length() < 3) {
            return new long[0];
        }
        long[] out = new long[text.length() - 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = gram(text, i);
        }
        Arrays.sort(out);
        return out;
    }

    /** Three characters in one long, spread so that Long's hash code keeps ASCII trigrams apart. */
    private static long gram(String text, int at) {
        return ((long) text.charAt(at) << 42) | ((long) text.charAt(at + 1) << 21) | text.charAt(at + 2);
    }

    int size() {
        return terms.length;
    }

    /** What one pattern found in this segment. */
    record Match(FixedBitSet docs, int terms, boolean cut) {
    }

    /**
     * The documents holding a term the pattern matches, from at most {@code maxTerms} matching terms; {@code cut} when
     * there were more terms than that or the budget ran out, so the answer may miss some documents.
     */
    Match match(Glob glob, int maxTerms, QueryTimeout budget) {
        FixedBitSet hits = new FixedBitSet(Math.max(1, maxDoc));
        int matched = 0;
        int seen = 0;
        CandidateTerms candidates = candidates(glob);
        for (int i = candidates.next(); i >= 0; i = candidates.next()) {
            if (seen++ % CHECK_EVERY == 0 && budget != null && budget.shouldExit()) {
                return new Match(hits, matched, true);
            }
            if (glob.matches(terms[i])) {
                if (matched == maxTerms) {
                    return new Match(hits, matched, true);
                }
                matched++;
                for (int doc : docs[i]) {
                    hits.set(doc);
                }
            }
        }
        return new Match(hits, matched, false);
    }

    /** Terms that may match: a prefix's range of the sorted terms, or the terms sharing every trigram of the literals. */
    private CandidateTerms candidates(Glob glob) {
        String prefix = glob.prefix();
        int from = 0;
        int to = terms.length;
        if (!prefix.isEmpty()) {
            from = lowerBound(prefix);
            to = lowerBound(prefix + Character.MAX_VALUE);
        }
        int[] shared = null;
        for (String literal : glob.literals()) {
            for (int i = 0; i + 3 <= literal.length(); i++) {
                int[] list = trigrams.getOrDefault(gram(literal, i), new int[0]);
                shared = shared == null ? list : intersect(shared, list);
                if (shared.length == 0) {
                    return CandidateTerms.NONE;
                }
            }
        }
        if (shared == null || to - from < shared.length) {
            return CandidateTerms.range(from, to);
        }
        return CandidateTerms.list(shared, from, to);
    }

    private int lowerBound(String key) {
        int lo = 0;
        int hi = terms.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (terms[mid].compareTo(key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length;) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Indexes of sorted terms to test against the pattern, in ascending order; -1 when done. */
    private interface CandidateTerms {
        CandidateTerms NONE = () -> -1;

        int next();

        static CandidateTerms range(int from, int to) {
            int[] at = { from };
            return () -> at[0] < to ? at[0]++ : -1;
        }

        static CandidateTerms list(int[] indexes, int from, int to) {
            int[] at = { 0 };
            return () -> {
                while (at[0] < indexes.length) {
                    int i = indexes[at[0]++];
                    if (i >= from && i < to) {
                        return i;
                    }
                }
                return -1;
            };
        }
    }
}
