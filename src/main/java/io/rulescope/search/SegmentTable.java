package io.rulescope.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * What searches read per hit, laid out once per segment: each document's summary (a result line), and per facet the
 * value names by ordinal and each document's ordinals. Counting facets is then array reads per hit; through doc
 * values it was a decoding read per hit and facet and a name lookup per value and search (a third of a search under
 * a profile), and each result line decompressed a block of stored fields.
 */
final class SegmentTable {

    /** One facet: {@code names[ord]}, and the ordinals of document d at {@code ords[starts[d]..starts[d+1])}. */
    record Column(String[] names, int[] starts, int[] ords) {
    }

    private final Map<Facet, Column> columns;
    private final RuleSummary[] summaries;

    private SegmentTable(Map<Facet, Column> columns, RuleSummary[] summaries) {
        this.columns = columns;
        this.summaries = summaries;
    }

    static SegmentTable of(LeafReader reader) {
        return SegmentTables.of(reader).table(reader);
    }

    Column column(Facet facet) {
        return columns.get(facet);
    }

    /** The result line of a document of this segment (null for a deleted one). */
    RuleSummary summary(int doc) {
        return summaries[doc];
    }

    static SegmentTable read(LeafReader reader) {
        try {
            Map<Facet, Column> columns = new EnumMap<>(Facet.class);
            for (Facet facet : Facet.values()) {
                columns.put(facet, column(reader, facet));
            }
            RuleSummary[] summaries = new RuleSummary[reader.maxDoc()];
            var stored = reader.storedFields();
            var live = reader.getLiveDocs();
            for (int doc = 0; doc < summaries.length; doc++) {
                if (live == null || live.get(doc)) {
                    summaries[doc] = SearchIndex.summary(stored.document(doc));
                }
            }
            return new SegmentTable(columns, summaries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a segment of the rule index", e);
        }
    }

    private static Column column(LeafReader reader, Facet facet) throws IOException {
        SortedSetDocValues values = DocValues.getSortedSet(reader, facet.docValuesField());
        String[] names = new String[(int) values.getValueCount()];
        for (int ord = 0; ord < names.length; ord++) {
            names[ord] = values.lookupOrd(ord).utf8ToString();
        }
        int maxDoc = reader.maxDoc();
        int[] starts = new int[maxDoc + 1];
        int[] ords = new int[16];
        int n = 0;
        int next = 0;
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            while (next <= doc) {
                starts[next++] = n;
            }
            for (int i = 0; i < values.docValueCount(); i++) {
                if (n == ords.length) {
                    ords = java.util.Arrays.copyOf(ords, n * 2);
                }
                ords[n++] = (int) values.nextOrd();
            }
        }
        while (next <= maxDoc) {
            starts[next++] = n;
        }
        return new Column(names, starts, java.util.Arrays.copyOf(ords, n));
    }
}
