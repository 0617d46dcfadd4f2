package io.rulescope.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.util.StringHelper;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Everything laid out per index segment for searching: its {@link SegmentTable} and a {@link TermTable} per field
 * wildcards search. A segment never changes but for deletions, which searches apply themselves, so the tables are
 * made once per segment, not once per catalog: a refresh that rewrites ten rules copies the other segments into the
 * new index unchanged, and their tables are found again by the segment's id instead of being laid out anew.
 */
final class SegmentTables {

    /** By the open segment's core key, held weakly: the fast way in, and what keeps the tables alive while it is open. */
    private static final Cache<Object, SegmentTables> BY_CORE = Caffeine.newBuilder().weakKeys().build();
    /** By the segment's id, held only as long as some open segment uses them. */
    private static final Cache<String, SegmentTables> BY_ID = Caffeine.newBuilder().weakValues().build();

    private final Map<String, TermTable> terms = new ConcurrentHashMap<>();
    private volatile SegmentTable table;

    /** The tables of the segment this reader reads. */
    static SegmentTables of(LeafReader reader) {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        Object core = helper == null ? reader : helper.getKey();
        return BY_CORE.get(core, k -> {
            String id = segmentId(reader);
            return id == null ? new SegmentTables() : BY_ID.get(id, i -> new SegmentTables());
        });
    }

    /**
     * Lets go of the tables a closed segment reader held. The weakly held key alone would free them only when the
     * cache next does its upkeep, which after the last refresh of the day may be never: tens of megabytes kept.
     * Tables another open index still uses stay reachable through it and {@link #BY_ID}.
     */
    static void forget(LeafReader reader) {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        BY_CORE.invalidate(helper == null ? reader : helper.getKey());
    }

    /** The segment's unique id and size; null when the reader is not a plain segment's. */
    private static String segmentId(LeafReader reader) {
        return FilterLeafReader.unwrap(reader) instanceof SegmentReader segment
                ? StringHelper.idToString(segment.getSegmentInfo().info.getId()) + "/" + reader.maxDoc() : null;
    }

    /**
     * The terms of a field, made from {@code reader} (the segment as the asking index opened it) the first time:
     * tables hold arrays, never a reader, so they outlive the index that made them.
     */
    TermTable terms(LeafReader reader, String field) {
        return terms.computeIfAbsent(field, f -> {
            try {
                return TermTable.of(reader, f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    SegmentTable table(LeafReader reader) {
        SegmentTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = SegmentTable.read(reader);
                    table = t;
                }
            }
        }
        return t;
    }
}
