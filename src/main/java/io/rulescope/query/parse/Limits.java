package io.rulescope.query.parse;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.QueryTooLargeException;

/**
 * The caps every parser applies, in one place: queries come from untrusted rule files, so neither the work spent on
 * one nor the depth of the recursion it drives may depend on the file alone.
 */
public final class Limits {

    /** Longer than any real rule's query (the longest in the public corpora is under 40,000 characters). */
    public static final int MAX_QUERY_LENGTH = 100_000;
    /** Deeper than any real rule nests; deep enough recursion would overflow the stack. */
    public static final int MAX_DEPTH = 100;

    private Limits() {
    }

    /**
     * @throws QueryTooLargeException if the query is over {@link #MAX_QUERY_LENGTH}, before any work is spent on it
     */
    public static void requireLength(String query) {
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new QueryTooLargeException(Diagnostic.QUERY_TOO_LONG.format(query.length(), MAX_QUERY_LENGTH));
        }
    }

    /** Counts the nesting of one parse; {@link #enter} past the cap throws. */
    public static final class Depth {
        private int depth;

        /**
         * @throws QueryParseException with {@link Diagnostic#NESTS_TOO_DEEP} at {@code position} past the cap
         */
        public void enter(int position) {
            if (++depth > MAX_DEPTH) {
                throw new QueryParseException(Diagnostic.NESTS_TOO_DEEP, position, MAX_DEPTH);
            }
        }

        public void leave() {
            depth--;
        }

        /** Whether one more level would pass the cap: a recovering parser stops here instead of throwing. */
        public boolean full() {
            return depth >= MAX_DEPTH;
        }
    }
}
