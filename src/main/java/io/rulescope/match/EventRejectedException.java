package io.rulescope.match;

/**
 * A pasted event that cannot be read or is over a limit, with a reason meant for the person who pasted it. The API
 * answers {@link #status()} (400, or 413 when a size limit is named); the page shows the reason above the form.
 */
public class EventRejectedException extends RuntimeException {

    private final int status;

    public EventRejectedException(String reason) {
        this(400, reason);
    }

    public EventRejectedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
