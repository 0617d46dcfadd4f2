package io.rulescope.search;

import io.rulescope.error.RulescopeException;

/**
 * A search that cannot be answered right now, though asking again shortly will do: a broad search turned away because
 * as many as may run at once are running (429), or one that ran out of time while a new catalog is still warming up
 * (503), whose partial answer would be wrong rather than slow.
 */
public class SearchBusyException extends RulescopeException {

    public static final int RETRY_AFTER_SECONDS = 1;
    static final int WARMING_RETRY_AFTER_SECONDS = 3;

    private final int status;
    private final int retryAfterSeconds;

    public SearchBusyException() {
        this("Too many broad wildcard searches are running right now. Try again in a moment, or give the patterns a few "
                + "more letters (*whoami* rather than *wh*) so they need not look at every value.", 429, RETRY_AFTER_SECONDS);
    }

    private SearchBusyException(String message, int status, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static SearchBusyException warmingUp() {
        return new SearchBusyException("The catalog has just loaded and is still warming up, and this search did not finish in "
                + "time. Its answer would be incomplete, so none is given: try again in a few seconds.", 503, WARMING_RETRY_AFTER_SECONDS);
    }

    /** The HTTP status that says why: 429 for a busy moment, 503 while the catalog warms up. */
    @Override
    public int status() {
        return status;
    }

    @Override
    public String code() {
        return status == 429 ? "SEARCH_BUSY" : "CATALOG_WARMING_UP";
    }

    @Override
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
