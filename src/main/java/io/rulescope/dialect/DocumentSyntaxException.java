package io.rulescope.dialect;

/** A rule file a {@link DocumentReader} cannot read, with the 1-based line and column where it stops making sense. */
public class DocumentSyntaxException extends RuntimeException {

    private final int line;
    private final int column;

    public DocumentSyntaxException(int line, int column, String reason) {
        super(reason);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
