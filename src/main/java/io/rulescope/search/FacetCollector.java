package io.rulescope.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Counts facet values over every matching document, from each segment's {@link SegmentTable}. */
final class FacetCollector extends SimpleCollector {

    /** Values kept per facet: pages show the first dozen and fold the rest under "show more". */
    static final int TOP = 50;

    private final boolean all;
    private final Facet[] facets;
    private final Map<Facet, Map<String, Long>> counts = new EnumMap<>(Facet.class);
    private SegmentTable.Column[] columns;
    private long[][] ordCounts;

    /** @param all keep every value of every facet (matrix counts) rather than the top few of visible ones */
    FacetCollector(boolean all) {
        this(all, EnumSet.allOf(Facet.class));
    }

    /** Only these facets: the matrix needs three of them. */
    FacetCollector(boolean all, Set<Facet> facets) {
        this.all = all;
        this.facets = facets.stream().filter(f -> all || f.visible()).toArray(Facet[]::new);
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
        flush();
        SegmentTable table = SegmentTable.of(context.reader());
        columns = new SegmentTable.Column[facets.length];
        ordCounts = new long[facets.length][];
        for (int f = 0; f < facets.length; f++) {
            columns[f] = table.column(facets[f]);
            ordCounts[f] = new long[columns[f].names().length];
        }
    }

    @Override
    public void collect(int doc) {
        for (int f = 0; f < columns.length; f++) {
            int[] starts = columns[f].starts();
            int[] ords = columns[f].ords();
            long[] c = ordCounts[f];
            for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
                c[ords[i]]++;
            }
        }
    }

    private void flush() {
        if (columns == null) {
            return;
        }
        for (int f = 0; f < columns.length; f++) {
            long[] c = ordCounts[f];
            String[] names = columns[f].names();
            Map<String, Long> target = counts.computeIfAbsent(facets[f], k -> new HashMap<>());
            for (int ord = 0; ord < c.length; ord++) {
                if (c[ord] > 0) {
                    target.merge(names[ord], c[ord], Long::sum);
                }
            }
        }
        columns = null;
        ordCounts = null;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** The most frequent values of each facet, most first, ties by value. */
    Map<Facet, List<SearchResult.FacetCount>> result() {
        flush();
        Map<Facet, List<SearchResult.FacetCount>> out = new EnumMap<>(Facet.class);
        for (Facet facet : facets) {
            List<SearchResult.FacetCount> list = new ArrayList<>();
            counts.getOrDefault(facet, Map.of()).forEach((v, n) -> list.add(new SearchResult.FacetCount(v, n)));
            list.sort(Comparator.comparingLong(SearchResult.FacetCount::count).reversed().thenComparing(SearchResult.FacetCount::value));
            out.put(facet, List.copyOf(all ? list : list.subList(0, Math.min(TOP, list.size()))));
        }
        return out;
    }
}
