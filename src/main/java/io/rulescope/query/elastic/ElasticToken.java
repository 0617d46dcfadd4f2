package io.rulescope.query.elastic;

import java.util.Locale;

/** One token of an Elastic query (EQL, ES|QL, KQL or Lucene); offsets point into the query text, end exclusive. */
record ElasticToken(Kind kind, String text, int start, int end) {

    enum Kind {
        /** A name, keyword, number or unquoted value; in KQL and Lucene it may hold wildcards and escapes. */
        WORD,
        /** A quoted string; {@link #text()} is its value with escapes resolved. */
        STRING,
        /** {@code == != <= >= < > = : ~ !}. */
        OPERATOR,
        PIPE, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA,
        UNTERMINATED
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    String lower() {
        return text.toLowerCase(Locale.ROOT);
    }
}
