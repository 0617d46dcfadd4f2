package io.rulescope.match;

import io.rulescope.error.RulescopeException;

/**
 * A pasted event that cannot be read or is over a limit, with a reason meant for the person who pasted it. The API
 * answers {@link #status()} (400, or 413 when a size limit is named); the page shows the reason above the form.
 */
public class EventRejectedException extends RulescopeException {

    private final int status;

    public EventRejectedException(String reason) {
        this(400, reason);
    }

    public EventRejectedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String code() {
        return switch (status) {
            case 413 -> "EVENT_TOO_LARGE";
            case 408 -> "MATCH_TIMED_OUT";
            case 415 -> "EVENT_FORMAT_UNSUPPORTED";
            case 503 -> "MATCHER_BUSY";
            default -> "EVENT_UNREADABLE";
        };
    }

    /** A matcher too busy to take the event now has a turn free again within a second. */
    @Override
    public Integer retryAfterSeconds() {
        return status == 503 ? 1 : null;
    }
}
