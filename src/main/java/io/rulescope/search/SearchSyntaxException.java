package io.rulescope.search;

/** A search the user typed that cannot be run: the message says what to change, {@code position} where (0-based). */
public class SearchSyntaxException extends RuntimeException {

    private final int position;

    public SearchSyntaxException(int position, String message) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
