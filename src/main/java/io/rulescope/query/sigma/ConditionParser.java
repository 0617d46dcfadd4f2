package io.rulescope.query.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.rulescope.query.Expr;
import io.rulescope.query.QueryParseException;

/**
 * Recursive-descent parser for Sigma conditions. Quantifiers ({@code 1 of selection_*}, {@code all of them}) are
 * resolved against the rule's search identifiers, so the result refers only to identifiers that exist. Errors carry
 * a code and the position of the problem.
 */
public final class ConditionParser {

    static final int MAX_DEPTH = 100;

    private final List<ConditionToken> tokens;
    private final List<String> identifiers;
    private int pos;
    private int depth;

    private ConditionParser(List<ConditionToken> tokens, List<String> identifiers) {
        this.tokens = tokens;
        this.identifiers = identifiers;
    }

    /**
     * Parses a condition over the given search identifiers. Text after a top-level {@code |} (the old aggregation
     * syntax) is not part of the result; see {@link #aggregation(String)}.
     *
     * @throws QueryParseException with a code and position when the condition is malformed
     */
    public static Expr parse(String condition, List<String> identifiers) {
        ConditionParser parser = new ConditionParser(ConditionTokenizer.tokenize(condition), identifiers);
        Expr e = parser.or();
        ConditionToken next = parser.peek();
        if (!next.is(ConditionToken.Kind.END) && !next.is(ConditionToken.Kind.PIPE)) {
            throw new QueryParseException(next.is(ConditionToken.Kind.RPAREN) ? "SIGMA_UNBALANCED" : "SIGMA_UNEXPECTED",
                    next.start(), next.is(ConditionToken.Kind.RPAREN) ? "')' without a matching '('" : "unexpected '" + next.text() + "'");
        }
        return e;
    }

    /** The deprecated aggregation part of a condition ({@code count() by x > 5}), or null. */
    public static String aggregation(String condition) {
        int pipe = condition.indexOf('|');
        return pipe < 0 ? null : condition.substring(pipe + 1).strip();
    }

    // or := and ( "or" and )*
    private Expr or() {
        List<Expr> parts = new ArrayList<>();
        parts.add(and());
        while (peek().is(ConditionToken.Kind.OR)) {
            pos++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    // and := not ( "and" not )*
    private Expr and() {
        List<Expr> parts = new ArrayList<>();
        parts.add(not());
        while (peek().is(ConditionToken.Kind.AND)) {
            pos++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    // not := "not" not | primary
    private Expr not() {
        if (peek().is(ConditionToken.Kind.NOT)) {
            ConditionToken t = tokens.get(pos++);
            enter(t);
            try {
                return new Expr.Not(not());
            } finally {
                depth--;
            }
        }
        return primary();
    }

    // primary := "(" or ")" | ("1 of" | "all of") (pattern | "them") | identifier
    private Expr primary() {
        ConditionToken t = tokens.get(pos);
        switch (t.kind()) {
            case LPAREN -> {
                pos++;
                enter(t);
                Expr inner = or();
                depth--;
                if (!peek().is(ConditionToken.Kind.RPAREN)) {
                    throw new QueryParseException("SIGMA_UNBALANCED", peek().start(), "missing ')' for the '(' at position " + t.start());
                }
                pos++;
                return inner;
            }
            case ONE_OF, ALL_OF -> {
                pos++;
                ConditionToken target = tokens.get(pos++);
                if (!target.is(ConditionToken.Kind.IDENTIFIER) && !target.is(ConditionToken.Kind.THEM)) {
                    throw new QueryParseException("SIGMA_BAD_QUANTIFIER", target.start(), "'" + t.text() + "' needs an identifier pattern or 'them'");
                }
                List<Expr> refs = matching(target);
                if (refs.isEmpty()) {
                    throw new QueryParseException("SIGMA_UNKNOWN_IDENTIFIER", target.start(), "no search identifier matches '" + target.text() + "'");
                }
                return refs.size() == 1 ? refs.get(0) : t.is(ConditionToken.Kind.ALL_OF) ? new Expr.And(refs) : new Expr.Or(refs);
            }
            case IDENTIFIER -> {
                pos++;
                if (!identifiers.contains(t.text())) {
                    throw new QueryParseException("SIGMA_UNKNOWN_IDENTIFIER", t.start(), "'" + t.text() + "' is not a search identifier of this rule");
                }
                return new Expr.Ref(t.text());
            }
            case END, PIPE -> throw new QueryParseException("SIGMA_INCOMPLETE", t.start(), "condition ends where an identifier was expected");
            default -> throw new QueryParseException("SIGMA_UNEXPECTED", t.start(), "unexpected '" + t.text() + "'");
        }
    }

    /** {@code them} is every identifier not starting with an underscore; a pattern may use {@code *} and {@code ?}. */
    private List<Expr> matching(ConditionToken target) {
        List<Expr> refs = new ArrayList<>();
        Pattern pattern = target.is(ConditionToken.Kind.THEM) ? null : Pattern.compile(
                Pattern.quote(target.text()).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
        for (String id : identifiers) {
            if (pattern == null ? !id.startsWith("_") : pattern.matcher(id).matches()) {
                refs.add(new Expr.Ref(id));
            }
        }
        return List.copyOf(refs);
    }

    private void enter(ConditionToken t) {
        if (++depth > MAX_DEPTH) {
            throw new QueryParseException("SIGMA_TOO_DEEP", t.start(), "condition nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private ConditionToken peek() {
        return tokens.get(Math.min(pos, tokens.size() - 1));
    }
}
