package io.rulescope.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Counts facet values over every matching document, reading the facet doc values segment by segment. */
final class FacetCollector extends SimpleCollector {

    private static final int TOP = 12;

    private final boolean all;
    private final java.util.Set<Facet> facets;

    /** @param all keep every value of every facet (matrix counts) rather than the top few of visible ones */
    FacetCollector(boolean all) {
        this(all, java.util.EnumSet.allOf(Facet.class));
    }

    /** Only these facets: the matrix needs three of them, and each costs a doc-values read per hit. */
    FacetCollector(boolean all, java.util.Set<Facet> facets) {
        this.all = all;
        this.facets = java.util.EnumSet.copyOf(facets);
    }

    private final Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);
    private final Map<Facet, SortedSetDocValues> current = new EnumMap<>(Facet.class);
    private final Map<Facet, long[]> ordCounts = new EnumMap<>(Facet.class);

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flush();
        for (Facet facet : facets) {
            SortedSetDocValues values = DocValues.getSortedSet(context.reader(), facet.docValuesField());
            current.put(facet, values);
            ordCounts.put(facet, new long[(int) Math.min(Integer.MAX_VALUE, values.getValueCount())]);
        }
    }

    @Override
    public void collect(int doc) throws IOException {
        for (Map.Entry<Facet, SortedSetDocValues> e : current.entrySet()) {
            SortedSetDocValues values = e.getValue();
            if (values.advanceExact(doc)) {
                long[] counts = ordCounts.get(e.getKey());
                for (int i = 0; i < values.docValueCount(); i++) {
                    counts[(int) values.nextOrd()]++;
                }
            }
        }
    }

    private void flush() throws IOException {
        for (Map.Entry<Facet, SortedSetDocValues> e : current.entrySet()) {
            long[] c = ordCounts.get(e.getKey());
            Map<String, Long> target = counts.computeIfAbsent(e.getKey(), k -> new HashMap<>());
            for (int ord = 0; ord < c.length; ord++) {
                if (c[ord] > 0) {
                    target.merge(e.getValue().lookupOrd(ord).utf8ToString(), c[ord], Long::sum);
                }
            }
        }
        current.clear();
        ordCounts.clear();
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** The most frequent values of each facet, most first, ties by value. */
    Map<Facet, List<SearchResult.FacetCount>> result() throws IOException {
        flush();
        Map<Facet, List<SearchResult.FacetCount>> out = new EnumMap<>(Facet.class);
        for (Facet facet : facets) {
            if (!all && !facet.visible()) {
                continue;
            }
            List<SearchResult.FacetCount> list = new ArrayList<>();
            counts.getOrDefault(facet, Map.of()).forEach((v, n) -> list.add(new SearchResult.FacetCount(v, n)));
            list.sort(Comparator.comparingLong(SearchResult.FacetCount::count).reversed().thenComparing(SearchResult.FacetCount::value));
            out.put(facet, List.copyOf(all ? list : list.subList(0, Math.min(TOP, list.size()))));
        }
        return out;
    }
}
