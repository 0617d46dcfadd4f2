package io.rulescope.query.spl;

/**
 * One SPL token. {@code start} and {@code end} are offsets into the original search text (end exclusive), so
 * every part of an analysis can point back at the text a person wrote.
 */
public record Token(TokenKind kind, String text, int start, int end) {

    public boolean is(TokenKind k) {
        return kind == k;
    }

    /** Case-insensitive test for a bare word, e.g. {@code isWord("by")}. */
    public boolean isWord(String word) {
        return kind == TokenKind.WORD && text.equalsIgnoreCase(word);
    }
}
