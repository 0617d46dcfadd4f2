package io.rulescope.search;

import io.rulescope.error.RulescopeException;

/** A search the user typed that cannot be run: the message says what to change, {@code position} where (0-based). */
public class SearchSyntaxException extends RulescopeException {

    private final int position;

    public SearchSyntaxException(int position, String message) {
        super(message);
        this.position = position;
    }

    @Override
    public Integer position() {
        return position;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String code() {
        return "SEARCH_SYNTAX";
    }
}
