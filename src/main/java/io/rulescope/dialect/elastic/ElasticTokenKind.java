package io.rulescope.dialect.elastic;

import io.rulescope.query.parse.Token;

/** The lexical classes shared by EQL, ES|QL, KQL and Lucene that matter for splitting a query and reading its tests. */
enum ElasticTokenKind {
    /** A name, keyword, number or unquoted value; in KQL and Lucene it may hold wildcards and escapes. */
    WORD,
    /** A quoted string; {@link Token#text()} is its value with escapes resolved. */
    STRING,
    /** {@code == != <= >= < > = : ~ !}. */
    OPERATOR,
    PIPE, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA,
    UNTERMINATED
}
