package io.rulescope.query;

import io.rulescope.error.RulescopeException;

/**
 * A query that cannot be parsed: its {@link Diagnostic} (whose name is the stable code), the 0-based position of the
 * problem and a message meant for the person who wrote it ({@code UNBALANCED at 17: missing ')'}).
 */
public class QueryParseException extends RulescopeException {

    private final int position;
    private final Diagnostic diagnostic;

    public QueryParseException(Diagnostic diagnostic, int position, Object... args) {
        super(diagnostic.format(args));
        this.position = position;
        this.diagnostic = diagnostic;
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }

    @Override
    public String code() {
        return diagnostic.name();
    }

    @Override
    public Integer position() {
        return position;
    }

    /** A query that cannot be read is well-formed as a request but cannot be processed as asked. */
    @Override
    public int status() {
        return 422;
    }

    /** The message with its code and position, as pages show it. */
    public String describe() {
        return getMessage() + " (" + code() + " at position " + position + ")";
    }
}
