package io.rulescope.query.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.QueryParseException;

/**
 * The boolean part every query language shares, parsed into {@link Expr}: {@code or}, {@code and} (written or
 * implied by juxtaposition), {@code not} and parentheses, with the depth capped by {@link Limits}. What a leaf is
 * stays the language's own: the grammar calls its leaf parser wherever an operand may start.
 *
 * <p>Strict by default: a misplaced operator, a missing operand or parenthesis, or nesting past the cap is a
 * {@link QueryParseException} (the search box, Sigma conditions). A {@link #recovering} grammar reads rule queries
 * that Rulescope shows whatever they hold: its leaf parser makes an opaque leaf of what it cannot read, a missing
 * closing parenthesis is let pass, nesting past the cap becomes the language's own opaque rest, and what is left
 * after the expression is kept as an opaque tail ({@link #parseWhole}).
 */
public final class BooleanGrammar<K extends Enum<K>> {

    /** How one language spells the operators. */
    public record Operators<K extends Enum<K>>(Function<Token<K>, Boolean> isOr, Function<Token<K>, Boolean> isAnd,
            Function<Token<K>, Boolean> isNot, K open, K close, boolean implicitAnd) {
    }

    /** Parses one operand at the cursor; the grammar has already checked that one may start there. */
    @FunctionalInterface
    public interface LeafParser<K extends Enum<K>> {
        Expr parse(TokenCursor<K> cursor);
    }

    private final Operators<K> ops;
    private final LeafParser<K> leaf;
    private final Function<Token<K>, Boolean> endsOperand;
    /** Null when strict; else what stands for the rest of a query nested past the cap. */
    private final Function<TokenCursor<K>, Expr> tooDeep;
    private Limits.Depth depth = new Limits.Depth();

    /**
     * @param endsOperand tokens at which an expression stops (a pipe, a keyword of the enclosing statement); the end
     *     token and a closing parenthesis always do
     */
    public BooleanGrammar(Operators<K> ops, LeafParser<K> leaf, Function<Token<K>, Boolean> endsOperand) {
        this(ops, leaf, endsOperand, null);
    }

    private BooleanGrammar(Operators<K> ops, LeafParser<K> leaf, Function<Token<K>, Boolean> endsOperand,
            Function<TokenCursor<K>, Expr> tooDeep) {
        this.ops = ops;
        this.leaf = leaf;
        this.endsOperand = endsOperand;
        this.tooDeep = tooDeep;
    }

    /**
     * This grammar, reading whatever a rule holds instead of refusing it.
     *
     * @param tooDeep the opaque leaf that stands for the rest of the query where it nests past {@link Limits#MAX_DEPTH}
     */
    public BooleanGrammar<K> recovering(Function<TokenCursor<K>, Expr> tooDeep) {
        return new BooleanGrammar<>(ops, leaf, endsOperand, tooDeep);
    }

    /** Parses one expression at the cursor, stopping before the first token that cannot continue it. */
    public Expr parse(TokenCursor<K> cursor) {
        // A parse that threw half way leaves its count behind; each parse starts from none.
        depth = new Limits.Depth();
        return or(cursor);
    }

    /**
     * A recovering parse of everything at the cursor: what cannot continue the expression is kept, from there to the
     * end, as an opaque tail beside it.
     */
    public Expr parseWhole(TokenCursor<K> cursor) {
        Expr e = parse(cursor);
        if (cursor.atEnd()) {
            return e;
        }
        Token<K> rest = cursor.peek();
        int from = cursor.mark();
        while (!cursor.atEnd()) {
            cursor.next();
        }
        Expr tail = new Expr.Opaque(cursor.textSince(from), "unexpected '" + rest.text() + "' at position " + rest.start());
        return new Expr.And(List.of(e, tail));
    }

    /**
     * An expression inside a leaf's own parentheses (a function's argument, a language that groups in its operands),
     * one level deeper than the leaf.
     */
    public Expr nested(TokenCursor<K> cursor) {
        if (depth.full() && tooDeep != null) {
            return tooDeep.apply(cursor);
        }
        depth.enter(cursor.peek().start());
        try {
            return or(cursor);
        } finally {
            depth.leave();
        }
    }

    /** The nesting of the parse under way, which a leaf that recurses on its own counts in too. */
    public Limits.Depth depth() {
        return depth;
    }

    // or := and ( OR and )*
    private Expr or(TokenCursor<K> c) {
        List<Expr> parts = new ArrayList<>();
        parts.add(and(c));
        while (!c.atEnd() && ops.isOr().apply(c.peek())) {
            c.next();
            parts.add(and(c));
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    // and := unary ( AND unary | unary )*      (the second form only where AND is implied)
    private Expr and(TokenCursor<K> c) {
        List<Expr> parts = new ArrayList<>();
        parts.add(unary(c));
        while (!c.atEnd()) {
            Token<K> t = c.peek();
            if (ops.isAnd().apply(t)) {
                c.next();
            } else if (!ops.implicitAnd() || !startsOperand(t)) {
                break;
            }
            parts.add(unary(c));
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    // unary := NOT unary | "(" or ")" | leaf
    private Expr unary(TokenCursor<K> c) {
        Token<K> t = c.peek();
        boolean recovering = tooDeep != null;
        if (recovering && depth.full()) {
            return tooDeep.apply(c);
        }
        if (c.atEnd() && !recovering) {
            throw new QueryParseException(Diagnostic.INCOMPLETE, t.start(), "an operand");
        }
        if (ops.isNot().apply(t)) {
            c.next();
            depth.enter(t.start());
            try {
                return new Expr.Not(unary(c));
            } finally {
                depth.leave();
            }
        }
        if (t.is(ops.open())) {
            c.next();
            depth.enter(t.start());
            Expr inner = or(c);
            depth.leave();
            if (!c.accept(ops.close()) && !recovering) {
                throw new QueryParseException(Diagnostic.UNBALANCED, c.peek().start(), ")", "(", t.start());
            }
            return inner;
        }
        if (!recovering && (t.is(ops.close()) || endsOperand.apply(t) || ops.isOr().apply(t) || ops.isAnd().apply(t))) {
            throw new QueryParseException(Diagnostic.UNEXPECTED, t.start(), t.text());
        }
        return leaf.parse(c);
    }

    private boolean startsOperand(Token<K> t) {
        return !t.is(ops.close()) && !endsOperand.apply(t) && !ops.isOr().apply(t);
    }
}
