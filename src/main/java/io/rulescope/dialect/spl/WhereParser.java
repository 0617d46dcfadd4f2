package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.FieldName;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.parse.BooleanGrammar;
import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Token;
import io.rulescope.query.parse.TokenCursor;

/**
 * Recursive-descent parser for {@code where} (eval) expressions. Unlike search, a bare word here is a field name
 * and strings must be quoted; comparisons, {@code like()}, {@code match()}, {@code in()}, {@code isnull()},
 * {@code isnotnull()} and {@code cidrmatch()} become predicates, anything else is shown as not analysed.
 */
final class WhereParser {

    /** SPL's boolean operators are upper case: {@code or} is a field name. */
    private static final BooleanGrammar.Operators<SplTokenKind> OPERATORS = new BooleanGrammar.Operators<>(
            t -> isWord(t, "OR"), t -> isWord(t, "AND"), t -> isWord(t, "NOT"), null, null, false);

    private final TokenCursor<SplTokenKind> c;
    private final boolean empty;
    /** Parentheses group operands here (a computed value can be compared), so the operand parser opens them. */
    private final BooleanGrammar<SplTokenKind> grammar = new BooleanGrammar<>(OPERATORS, cursor -> comparison(), t -> false)
            .recovering(this::tooDeep);

    WhereParser(String source, List<Token<SplTokenKind>> tokens) {
        this.c = TokenCursor.over(source, tokens);
        this.empty = tokens.isEmpty();
    }

    Expr parse() {
        return empty ? null : grammar.parseWhole(c);
    }

    private static boolean isWord(Token<SplTokenKind> t, String word) {
        return t.is(SplTokenKind.WORD) && t.text().equals(word);
    }

    /** Nested past the cap: the rest of the expression, unread. */
    private Expr tooDeep(TokenCursor<SplTokenKind> cursor) {
        int start = cursor.mark();
        while (!cursor.atEnd()) {
            cursor.next();
        }
        return new Expr.Opaque(cursor.textSince(start), Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH));
    }

    // comparison := operand [ COMPARE operand | "IN" "(" operand ("," operand)* ")" | "LIKE" operand ]
    private Expr comparison() {
        int start = c.mark();
        Operand left = operand();
        if (left.expr() != null) {
            if (c.accept(SplTokenKind.COMPARE)) {
                operand();
                return opaqueFrom(start, "comparison with a computed value");
            }
            return left.expr();
        }
        if (c.at(SplTokenKind.COMPARE)) {
            String op = c.next().text();
            Operand right = operand();
            return compare(left, op, right, start);
        }
        if (c.accept(SplTokenKind.WORD, "in")) {
            List<Operand> values = arguments();
            return left.isField() ? anyOf(left.text(), values) : opaqueFrom(start, "IN on something that is not a field");
        }
        if (c.accept(SplTokenKind.WORD, "like")) {
            Operand pattern = operand();
            return like(left, pattern, start);
        }
        return left.isField() ? opaqueFrom(start, "a bare field is a truth test, not analysed")
                : opaqueFrom(start, "expression not analysed");
    }

    private Expr compare(Operand left, String op, Operand right, int start) {
        Operand field = left.isField() ? left : right.isField() ? right : null;
        Operand value = field == left ? right : left;
        if (field == null) {
            return opaqueFrom(start, "comparison of two values");
        }
        FieldName name = FieldName.of(field.text());
        if (value.isField()) {
            Expr ref = new Expr.Leaf(new Predicate(name.name(), name.dataModel(), Kind.FIELDREF, value.text(), List.of(), null));
            return op.equals("!=") ? new Expr.Not(ref) : ref;
        }
        if (value.expr() != null || value.text() == null) {
            return opaqueFrom(start, "comparison with a computed value");
        }
        boolean flipped = field != left;
        Kind kind = switch (op) {
            case "<" -> flipped ? Kind.GT : Kind.LT;
            case "<=" -> flipped ? Kind.GTE : Kind.LTE;
            case ">" -> flipped ? Kind.LT : Kind.GT;
            case ">=" -> flipped ? Kind.LTE : Kind.GTE;
            default -> Kind.EQ;
        };
        Expr leaf = new Expr.Leaf(new Predicate(name.name(), name.dataModel(), kind, value.text(), List.of(), null));
        return op.equals("!=") ? new Expr.Not(leaf) : leaf;
    }

    private Expr like(Operand field, Operand pattern, int start) {
        if (!field.isField() || pattern.text() == null || pattern.isField()) {
            return opaqueFrom(start, "like() on something that is not a field and a pattern");
        }
        Kind.Match match = Kind.fromPattern(pattern.text().replace('%', '*'));
        FieldName name = FieldName.of(field.text());
        return new Expr.Leaf(new Predicate(name.name(), name.dataModel(), match.kind(), match.value(), List.of("like"), null));
    }

    private Expr anyOf(String field, List<Operand> values) {
        FieldName name = FieldName.of(field);
        List<Expr> parts = new ArrayList<>();
        for (Operand v : values) {
            if (v.text() != null && !v.isField()) {
                parts.add(new Expr.Leaf(new Predicate(name.name(), name.dataModel(), Kind.EQ, v.text(), List.of(), null)));
            }
        }
        return parts.isEmpty() ? new Expr.Opaque(field + " in (...)", "no literal values") : parts.size() == 1 ? parts.get(0)
                : new Expr.Or(List.copyOf(parts));
    }

    /** A literal, a field, a parenthesised expression or a function call (which may itself be a predicate). */
    private record Operand(String text, boolean isField, Expr expr) {
    }

    // operand := "(" or ")" | call | STRING | QUOTED_FIELD | WORD
    private Operand operand() {
        if (c.atEnd()) {
            return new Operand(null, false, new Expr.Opaque("", "expression ends early"));
        }
        if (grammar.depth().full()) {
            return new Operand(null, false, tooDeep(c));
        }
        Token<SplTokenKind> t = c.peek();
        if (c.accept(SplTokenKind.LPAREN)) {
            Expr inner = grammar.nested(c);
            c.accept(SplTokenKind.RPAREN);
            return new Operand(null, false, inner);
        }
        if (t.is(SplTokenKind.WORD) && c.peek(1).is(SplTokenKind.LPAREN)) {
            return call();
        }
        c.next();
        if (t.is(SplTokenKind.STRING)) {
            return new Operand(t.text(), false, null);
        }
        if (t.is(SplTokenKind.QUOTED_FIELD)) {
            return new Operand(t.text(), true, null);
        }
        if (t.is(SplTokenKind.WORD)) {
            boolean literal = t.text().matches("-?\\d+(\\.\\d+)?") || t.text().equalsIgnoreCase("true") || t.text().equalsIgnoreCase("false");
            return new Operand(t.text(), !literal, null);
        }
        return new Operand(null, false, new Expr.Opaque(t.text(), "unexpected '" + t.text() + "' at position " + t.start()));
    }

    // call := name "(" [ operand ( "," operand )* ] ")"
    private Operand call() {
        int start = c.mark();
        String name = c.next().lower();
        List<Operand> args = arguments();
        Expr predicate = switch (name) {
            case "like" -> args.size() == 2 ? like(args.get(0), args.get(1), start) : null;
            case "match" -> args.size() == 2 && args.get(0).isField() && args.get(1).text() != null
                    ? leafOf(args.get(0).text(), Kind.RE, args.get(1).text()) : null;
            case "in" -> !args.isEmpty() && args.get(0).isField() ? anyOf(args.get(0).text(), args.subList(1, args.size())) : null;
            case "isnull" -> args.size() == 1 && args.get(0).isField() ? leafOf(args.get(0).text(), Kind.NULL, null) : null;
            case "isnotnull" -> args.size() == 1 && args.get(0).isField() ? leafOf(args.get(0).text(), Kind.EXISTS, null) : null;
            case "cidrmatch" -> args.size() == 2 && args.get(1).isField() && args.get(0).text() != null
                    ? leafOf(args.get(1).text(), Kind.CIDR, args.get(0).text()) : null;
            default -> null;
        };
        if (predicate != null) {
            return new Operand(null, false, predicate);
        }
        // Other functions compute a value (lower(), len(), ...): shown, not analysed.
        String text = c.textFrom(start);
        return new Operand(text, false, new Expr.Opaque(text, "function not analysed"));
    }

    // arguments := "(" [ operand ( "," operand )* ] ")"      (a call's arguments count one level deeper)
    private List<Operand> arguments() {
        List<Operand> args = new ArrayList<>();
        c.accept(SplTokenKind.LPAREN);
        grammar.depth().enter(c.peek().start());
        try {
            while (!c.atEnd() && !c.at(SplTokenKind.RPAREN)) {
                if (c.accept(SplTokenKind.COMMA)) {
                    continue;
                }
                int before = c.mark();
                args.add(operand());
                if (c.mark() == before) {
                    c.next();
                }
            }
            c.next();
            return args;
        } finally {
            grammar.depth().leave();
        }
    }

    private static Expr leafOf(String field, Kind kind, String value) {
        FieldName name = FieldName.of(field);
        return new Expr.Leaf(new Predicate(name.name(), name.dataModel(), kind, value, List.of(), null));
    }

    private Expr opaqueFrom(int start, String reason) {
        return new Expr.Opaque(c.textFrom(start), reason);
    }
}
