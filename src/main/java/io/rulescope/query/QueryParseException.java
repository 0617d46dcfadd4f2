package io.rulescope.query;

import io.rulescope.error.RulescopeException;

/**
 * A query that cannot be parsed, with a stable code, the 0-based position of the problem and a message meant for
 * the person who wrote it ({@code SIGMA_UNBALANCED at 17: missing ')'}).
 */
public class QueryParseException extends RulescopeException {

    private final String code;
    private final int position;
    private final Diagnostic diagnostic;

    /** A problem named by its {@link Diagnostic}, whose name is the code. */
    public QueryParseException(Diagnostic diagnostic, int position, Object... args) {
        super(diagnostic.format(args));
        this.code = diagnostic.name();
        this.position = position;
        this.diagnostic = diagnostic;
    }

    public QueryParseException(String code, int position, String message) {
        super(message);
        this.code = code;
        this.position = position;
        this.diagnostic = null;
    }

    /** The diagnostic, for parsers that give one; null for those still coding by string. */
    public Diagnostic diagnostic() {
        return diagnostic;
    }

    @Override
    public String code() {
        return code;
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
        return getMessage() + " (" + code + " at position " + position + ")";
    }
}
