package io.rulescope.search;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.index.QueryTimeoutImpl;

/**
 * What one search may spend: a time limit that Lucene's collectors and our wildcard matching both honour, and a
 * flag raised when either stopped early, so the answer says it is partial instead of pretending to be complete.
 */
record SearchBudget(QueryTimeout timeout, AtomicBoolean cut) {

    static SearchBudget of(long millis) {
        return new SearchBudget(new QueryTimeoutImpl(millis), new AtomicBoolean());
    }

    /** No limit: tools and exports that must see everything. */
    static final SearchBudget UNLIMITED = new SearchBudget(null, null);

    boolean wasCut() {
        return cut != null && cut.get();
    }
}
