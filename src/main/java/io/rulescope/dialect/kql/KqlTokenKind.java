package io.rulescope.dialect.kql;

/** The lexical classes of Kusto that matter for splitting a query and reading its filters. */
public enum KqlTokenKind {
    /**
     * A name, keyword or word operator: {@code SecurityEvent}, {@code where}, {@code mv-expand}, {@code has_any},
     * and the negated and case-insensitive spellings {@code !has}, {@code in~}, {@code !in~}.
     */
    WORD,
    /** A string literal in any of Kusto's forms; {@link Token#text()} is its value with escapes resolved. */
    STRING,
    /** A number, possibly with a timespan unit ({@code 4688}, {@code 1.5}, {@code 7d}, {@code 10m}). */
    NUMBER,
    /** {@code == != =~ !~ < <= > >= = + - * / % .. !}. */
    OPERATOR,
    PIPE, SEMICOLON, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, DOT, COLON,
    /** A string the query never closes; runs to the end of the input. */
    UNTERMINATED
}
