package io.rulescope.search;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.IndexSearcher;

/**
 * What one search may spend: a time limit that Lucene's collectors and our wildcard matching both honour, and a
 * flag raised when either stopped early, so the answer says it is partial instead of pretending to be complete.
 */
record SearchBudget(QueryTimeout timeout, AtomicBoolean cut, AtomicInteger scans) {

    /** Patterns with no prefix and no three letters in a row walk every term of their field; beyond this many, a search is broad. */
    static final int BROAD_SCANS = 8;

    static SearchBudget of(long millis) {
        return new SearchBudget(new QueryTimeoutImpl(millis), new AtomicBoolean(), new AtomicInteger());
    }

    /** No limit: tools and exports that must see everything. */
    static final SearchBudget UNLIMITED = new SearchBudget(null, null, new AtomicInteger());

    /** A pattern of this search that has to look at every term of its field. */
    void noteScan() {
        scans.incrementAndGet();
    }

    /** Whether this search is one of the few that may run at once: many patterns that each look at every term. */
    boolean isBroad() {
        return scans.get() > BROAD_SCANS;
    }

    /** A searcher over the same index whose collectors stop when this budget runs out (it marks itself timed out). */
    IndexSearcher searcher(IndexSearcher index) {
        IndexSearcher timed = new IndexSearcher(index.getIndexReader());
        timed.setTimeout(timeout);
        return timed;
    }

    boolean wasCut() {
        return cut != null && cut.get();
    }
}
