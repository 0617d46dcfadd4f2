package io.rulescope.search;

/** A broad search turned away because as many as may run at once are running; asking again shortly will do. */
public class SearchBusyException extends RuntimeException {

    public static final int RETRY_AFTER_SECONDS = 1;

    public SearchBusyException() {
        super("Too many broad wildcard searches are running right now. Try again in a moment, or give the patterns a few "
                + "more letters (*whoami* rather than *wh*) so they need not look at every value.");
    }
}
