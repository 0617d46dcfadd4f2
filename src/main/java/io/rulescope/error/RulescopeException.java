package io.rulescope.error;

/**
 * Something a user asked for that cannot be given, with a reason meant for them: a search or query that cannot be
 * read, an event that cannot be matched, a moment too busy to answer. It carries what an answer needs, so one place
 * turns it into a response: the HTTP status, a stable code, where in the user's text the problem lies and, for a
 * passing condition, when to ask again.
 */
public abstract class RulescopeException extends RuntimeException {

    protected RulescopeException(String message) {
        super(message);
    }

    /** The HTTP status that says why (400, 413, 422, 429, 503, ...). */
    public abstract int status();

    /** A stable name for the kind of problem, for tools to act on rather than the message. */
    public abstract String code();

    /** Where in the text the user wrote the problem lies (0-based), or null when it is not about a place in it. */
    public Integer position() {
        return null;
    }

    /** For a passing condition, how many seconds to wait before asking again; null otherwise. */
    public Integer retryAfterSeconds() {
        return null;
    }
}
