package io.rulescope.dialect.sigma;

/** The words and signs of a Sigma condition; a quantifier and its {@code of} are one token. */
enum ConditionTokenKind {
    IDENTIFIER, AND, OR, NOT, LPAREN, RPAREN,
    /** {@code 1 of} or {@code any of}. */
    ONE_OF,
    ALL_OF, THEM,
    /** The start of the deprecated aggregation ({@code | count() by x > 5}); the tokenizer stops there. */
    PIPE,
    END
}
