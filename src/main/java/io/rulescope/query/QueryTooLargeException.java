package io.rulescope.query;

/** A query beyond the analysers' caps: analysing it could take unbounded time, so it is shown but not analysed. */
public class QueryTooLargeException extends RuntimeException {

    public QueryTooLargeException(String message) {
        super(message);
    }
}
