package io.rulescope.dialect.spl;

/** The lexical classes of SPL that matter for splitting and analysing a search. */
public enum SplTokenKind {
    /** A bare word: command, field, value, keyword, wildcard pattern ({@code process_name}, {@code *.exe}, {@code OR}). */
    WORD,
    /** A double-quoted string; {@link Token#text()} is the content with escapes resolved. */
    STRING,
    /** A single-quoted field name as {@code eval} and {@code where} use them. */
    QUOTED_FIELD,
    /** A backtick macro call; {@link Token#text()} is what is between the backticks. */
    MACRO,
    PIPE, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA,
    /** {@code = == != < <= > >=}. */
    COMPARE,
    /** Anything the tokenizer could not close (an unterminated quote or macro); runs to the end of the input. */
    UNTERMINATED
}
