package io.rulescope.query.sigma;

/** A token of a Sigma condition with its position in the condition text. */
record ConditionToken(Kind kind, String text, int start) {

    enum Kind { IDENTIFIER, AND, OR, NOT, LPAREN, RPAREN, ONE_OF, ALL_OF, THEM, PIPE, END }

    boolean is(Kind k) {
        return kind == k;
    }
}
