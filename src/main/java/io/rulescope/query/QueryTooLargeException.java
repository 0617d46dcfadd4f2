package io.rulescope.query;

/** A query beyond the analysers' caps: analysing it could take unbounded time, so it is shown but not analysed. */
public class QueryTooLargeException extends RuntimeException {

    public QueryTooLargeException(String message) {
        super(message);
    }

    /** Refuses a query longer than {@code maxLength} characters before any work is spent on it. */
    public static void requireWithin(String query, int maxLength) {
        if (query.length() > maxLength) {
            throw new QueryTooLargeException("query is " + query.length() + " characters long; queries over " + maxLength + " are not analysed");
        }
    }
}
