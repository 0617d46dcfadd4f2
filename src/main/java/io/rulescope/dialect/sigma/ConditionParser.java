package io.rulescope.dialect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.parse.BooleanGrammar;
import io.rulescope.query.parse.Token;
import io.rulescope.query.parse.TokenCursor;

/**
 * Recursive-descent parser for Sigma conditions, on the shared {@link BooleanGrammar}: {@code or}, {@code and},
 * {@code not} and parentheses are the grammar's; the leaves are Sigma's own. Quantifiers ({@code 1 of selection_*},
 * {@code all of them}) are resolved against the rule's search identifiers, so the result refers only to identifiers
 * that exist. Errors carry a {@link Diagnostic} and the position of the problem.
 */
public final class ConditionParser {

    private static final BooleanGrammar.Operators<ConditionTokenKind> OPERATORS = new BooleanGrammar.Operators<>(
            t -> t.is(ConditionTokenKind.OR), t -> t.is(ConditionTokenKind.AND), t -> t.is(ConditionTokenKind.NOT),
            ConditionTokenKind.LPAREN, ConditionTokenKind.RPAREN, false);

    private final List<String> identifiers;

    private ConditionParser(List<String> identifiers) {
        this.identifiers = identifiers;
    }

    /**
     * Parses a condition over the given search identifiers. Text after a top-level {@code |} (the old aggregation
     * syntax) is not part of the result; see {@link #aggregation(String)}.
     *
     * @throws QueryParseException with a diagnostic and position when the condition is malformed
     */
    public static Expr parse(String condition, List<String> identifiers) {
        ConditionParser parser = new ConditionParser(identifiers);
        TokenCursor<ConditionTokenKind> cursor = new TokenCursor<>(condition, ConditionTokenizer.tokenize(condition));
        Expr e = new BooleanGrammar<>(OPERATORS, parser::leaf, t -> t.is(ConditionTokenKind.PIPE)).parse(cursor);
        Token<ConditionTokenKind> next = cursor.peek();
        if (next.is(ConditionTokenKind.RPAREN)) {
            throw new QueryParseException(Diagnostic.UNMATCHED_CLOSE, next.start(), ")");
        }
        if (!next.is(ConditionTokenKind.END) && !next.is(ConditionTokenKind.PIPE)) {
            throw new QueryParseException(Diagnostic.UNEXPECTED, next.start(), next.text());
        }
        return e;
    }

    /** The deprecated aggregation part of a condition ({@code count() by x > 5}), or null. */
    public static String aggregation(String condition) {
        int pipe = condition.indexOf('|');
        return pipe < 0 ? null : condition.substring(pipe + 1).strip();
    }

    // leaf := ("1 of" | "all of") (pattern | "them") | identifier
    private Expr leaf(TokenCursor<ConditionTokenKind> cursor) {
        Token<ConditionTokenKind> t = cursor.next();
        switch (t.kind()) {
            case ONE_OF, ALL_OF -> {
                Token<ConditionTokenKind> target = cursor.next();
                if (!target.is(ConditionTokenKind.IDENTIFIER) && !target.is(ConditionTokenKind.THEM)) {
                    throw new QueryParseException(Diagnostic.QUANTIFIER_WITHOUT_TARGET, target.start(), t.text());
                }
                List<Expr> refs = matching(target);
                if (refs.isEmpty()) {
                    throw new QueryParseException(Diagnostic.NO_IDENTIFIER_MATCHES, target.start(), target.text());
                }
                return refs.size() == 1 ? refs.get(0) : t.is(ConditionTokenKind.ALL_OF) ? new Expr.And(refs) : new Expr.Or(refs);
            }
            case IDENTIFIER -> {
                if (!identifiers.contains(t.text())) {
                    throw new QueryParseException(Diagnostic.UNKNOWN_IDENTIFIER, t.start(), t.text());
                }
                return new Expr.Ref(t.text());
            }
            default -> throw new QueryParseException(Diagnostic.UNEXPECTED, t.start(), t.text());
        }
    }

    /** {@code them} is every identifier not starting with an underscore; a pattern may use {@code *} and {@code ?}. */
    private List<Expr> matching(Token<ConditionTokenKind> target) {
        List<Expr> refs = new ArrayList<>();
        Pattern pattern = target.is(ConditionTokenKind.THEM) ? null : Pattern.compile(
                Pattern.quote(target.text()).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
        for (String id : identifiers) {
            if (pattern == null ? !id.startsWith("_") : pattern.matcher(id).matches()) {
                refs.add(new Expr.Ref(id));
            }
        }
        return List.copyOf(refs);
    }
}
