package io.rulescope.query.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rulescope.query.QueryParseException;

/** Splits a Sigma condition into {@link ConditionToken}s: keywords, identifiers (with wildcards), parentheses. */
final class ConditionTokenizer {

    static final int MAX_LENGTH = 20_000;

    private ConditionTokenizer() {
    }

    static List<ConditionToken> tokenize(String condition) {
        if (condition.length() > MAX_LENGTH) {
            throw new QueryParseException("SIGMA_TOO_LONG", MAX_LENGTH, "condition is longer than " + MAX_LENGTH + " characters");
        }
        List<ConditionToken> tokens = new ArrayList<>();
        int i = 0;
        while (i < condition.length()) {
            char c = condition.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                tokens.add(new ConditionToken(c == '(' ? ConditionToken.Kind.LPAREN : c == ')' ? ConditionToken.Kind.RPAREN
                        : ConditionToken.Kind.PIPE, String.valueOf(c), i));
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
        tokens.add(new ConditionToken(ConditionToken.Kind.END, "", condition.length()));
        return tokens;
    }

    private static ConditionToken word(String word, int start, List<ConditionToken> before) {
        String w = word.toLowerCase(Locale.ROOT);
        switch (w) {
            case "and":
                return new ConditionToken(ConditionToken.Kind.AND, word, start);
            case "or":
                return new ConditionToken(ConditionToken.Kind.OR, word, start);
            case "not":
                return new ConditionToken(ConditionToken.Kind.NOT, word, start);
            case "them":
                return new ConditionToken(ConditionToken.Kind.THEM, word, start);
            case "of": {
                // "1 of" / "all of" / "any of": fold the quantifier word before into one token.
                ConditionToken last = before.isEmpty() ? null : before.get(before.size() - 1);
                if (last != null && last.is(ConditionToken.Kind.IDENTIFIER)) {
                    String q = last.text().toLowerCase(Locale.ROOT);
                    if (q.equals("1") || q.equals("any") || q.equals("all")) {
                        before.remove(before.size() - 1);
                        return new ConditionToken(q.equals("all") ? ConditionToken.Kind.ALL_OF : ConditionToken.Kind.ONE_OF,
                                last.text() + " of", last.start());
                    }
                }
                throw new QueryParseException("SIGMA_BAD_QUANTIFIER", start, "'of' must follow '1', 'any' or 'all'");
            }
            default:
                return new ConditionToken(ConditionToken.Kind.IDENTIFIER, word, start);
        }
    }
}
