package io.rulescope.query.kql;

import java.util.Locale;

/**
 * One Kusto token. {@code start} and {@code end} are offsets into the query text (end exclusive), so stages and
 * predicates point back at what the rule's author wrote.
 */
public record KqlToken(KqlTokenKind kind, String text, int start, int end) {

    public boolean is(KqlTokenKind k) {
        return kind == k;
    }

    /** Kusto keywords and operators are case-sensitive, but rule authors write {@code Where} and the engine forgives it. */
    public boolean isWord(String word) {
        return kind == KqlTokenKind.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isOperator(String op) {
        return kind == KqlTokenKind.OPERATOR && text.equals(op);
    }

    String lower() {
        return text.toLowerCase(Locale.ROOT);
    }
}
