package io.rulescope.search;

import java.io.IOException;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.ScoreMode;

/**
 * Passes on every hit but deprecated rules, and counts those: a typed search leaves them out and says how many, in
 * the one pass over its hits rather than a second search. A rule is deprecated when its status facet says so, read
 * from the segment's table.
 */
final class WithoutDeprecated implements Collector {

    private final Collector inner;
    private long leftOut;

    WithoutDeprecated(Collector inner) {
        this.inner = inner;
    }

    long leftOut() {
        return leftOut;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        SegmentTable.Column status = SegmentTable.of(context.reader()).column(Facet.STATUS);
        int deprecated = java.util.Arrays.asList(status.names()).indexOf("deprecated");
        LeafCollector leaf = inner.getLeafCollector(context);
        if (deprecated < 0) {
            return leaf;
        }
        int[] starts = status.starts();
        int[] ords = status.ords();
        return new FilterLeafCollector(leaf) {
            @Override
            public void collect(int doc) throws IOException {
                for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
                    if (ords[i] == deprecated) {
                        leftOut++;
                        return;
                    }
                }
                in.collect(doc);
            }
        };
    }

    @Override
    public ScoreMode scoreMode() {
        return inner.scoreMode();
    }
}
