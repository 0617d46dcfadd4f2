package io.rulescope.dialect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Token;

/** Splits a Sigma condition into tokens: keywords, identifiers (with wildcards), parentheses. */
final class ConditionTokenizer {

    private ConditionTokenizer() {
    }

    static List<Token<ConditionTokenKind>> tokenize(String condition) {
        if (condition.length() > Limits.MAX_QUERY_LENGTH) {
            throw new QueryParseException(Diagnostic.QUERY_TOO_LONG, Limits.MAX_QUERY_LENGTH, condition.length(),
                    Limits.MAX_QUERY_LENGTH);
        }
        List<Token<ConditionTokenKind>> tokens = new ArrayList<>();
        int i = 0;
        while (i < condition.length()) {
            char c = condition.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                tokens.add(new Token<>(c == '(' ? ConditionTokenKind.LPAREN : c == ')' ? ConditionTokenKind.RPAREN
                        : ConditionTokenKind.PIPE, String.valueOf(c), i, i + 1));
                i++;
                if (c == '|') {
                    break;
                }
            } else {
                int start = i;
                while (i < condition.length() && !Character.isWhitespace(condition.charAt(i)) && "()|".indexOf(condition.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(word(condition.substring(start, i), start, tokens));
            }
        }
        tokens.add(new Token<>(ConditionTokenKind.END, "", condition.length(), condition.length()));
        return tokens;
    }

    private static Token<ConditionTokenKind> word(String word, int start, List<Token<ConditionTokenKind>> before) {
        int end = start + word.length();
        switch (word.toLowerCase(Locale.ROOT)) {
            case "and":
                return new Token<>(ConditionTokenKind.AND, word, start, end);
            case "or":
                return new Token<>(ConditionTokenKind.OR, word, start, end);
            case "not":
                return new Token<>(ConditionTokenKind.NOT, word, start, end);
            case "them":
                return new Token<>(ConditionTokenKind.THEM, word, start, end);
            case "of": {
                // "1 of" / "all of" / "any of": fold the quantifier word before into one token.
                Token<ConditionTokenKind> last = before.isEmpty() ? null : before.get(before.size() - 1);
                if (last != null && last.is(ConditionTokenKind.IDENTIFIER)) {
                    String q = last.lower();
                    if (q.equals("1") || q.equals("any") || q.equals("all")) {
                        before.remove(before.size() - 1);
                        return new Token<>(q.equals("all") ? ConditionTokenKind.ALL_OF : ConditionTokenKind.ONE_OF,
                                last.text() + " of", last.start(), end);
                    }
                }
                throw new QueryParseException(Diagnostic.BAD_QUANTIFIER, start);
            }
            default:
                return new Token<>(ConditionTokenKind.IDENTIFIER, word, start, end);
        }
    }
}
