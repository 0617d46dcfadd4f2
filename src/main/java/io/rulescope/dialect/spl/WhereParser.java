package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.FieldName;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Token;

/**
 * Recursive-descent parser for {@code where} (eval) expressions. Unlike search, a bare word here is a field name
 * and strings must be quoted; comparisons, {@code like()}, {@code match()}, {@code in()}, {@code isnull()},
 * {@code isnotnull()} and {@code cidrmatch()} become predicates, anything else is shown as not analysed.
 */
final class WhereParser {

    private final String source;
    private final List<Token<SplTokenKind>> tokens;
    private int pos;
    private int depth;


    WhereParser(String source, List<Token<SplTokenKind>> tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    Expr parse() {
        if (tokens.isEmpty()) {
            return null;
        }
        Expr e = or();
        if (pos < tokens.size()) {
            Token<SplTokenKind> rest = tokens.get(pos);
            Expr tail = new Expr.Opaque(source.substring(rest.start(), tokens.get(tokens.size() - 1).end()),
                    "unexpected '" + rest.text() + "' at position " + rest.start());
            return e == null ? tail : new Expr.And(List.of(e, tail));
        }
        return e;
    }

    // or := and ( "OR" and )*
    private Expr or() {
        List<Expr> parts = new ArrayList<>();
        parts.add(and());
        while (peekWord("OR")) {
            pos++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    // and := not ( "AND" not )*
    private Expr and() {
        List<Expr> parts = new ArrayList<>();
        parts.add(not());
        while (peekWord("AND")) {
            pos++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    // not := "NOT" not | comparison
    private Expr not() {
        if (peekWord("NOT")) {
            pos++;
            if (depth >= Limits.MAX_DEPTH) {
                return opaqueFrom(pos - 1, Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH));
            }
            depth++;
            Expr inner = new Expr.Not(not());
            depth--;
            return inner;
        }
        return comparison();
    }

    // comparison := operand [ COMPARE operand | "IN" "(" operand ("," operand)* ")" | "LIKE" operand ]
    private Expr comparison() {
        int start = pos;
        Operand left = operand();
        if (left.expr() != null) {
            if (pos < tokens.size() && tokens.get(pos).is(SplTokenKind.COMPARE)) {
                pos++;
                operand();
                return opaqueFrom(start, "comparison with a computed value");
            }
            return left.expr();
        }
        if (pos < tokens.size() && tokens.get(pos).is(SplTokenKind.COMPARE)) {
            String op = tokens.get(pos++).text();
            Operand right = operand();
            return compare(left, op, right, start);
        }
        if (peekWord("IN") || peekWord("in")) {
            pos++;
            List<Operand> values = arguments();
            return left.isField() ? anyOf(left.text(), values) : opaqueFrom(start, "IN on something that is not a field");
        }
        if (peekWord("LIKE") || peekWord("like")) {
            pos++;
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
        if (pos >= tokens.size()) {
            return new Operand(null, false, new Expr.Opaque("", "expression ends early"));
        }
        Token<SplTokenKind> t = tokens.get(pos);
        if (t.is(SplTokenKind.LPAREN) || depth >= Limits.MAX_DEPTH) {
            if (depth >= Limits.MAX_DEPTH) {
                int start = pos;
                pos = tokens.size();
                return new Operand(null, false, new Expr.Opaque(source.substring(tokens.get(start).start()),
                        Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH)));
            }
            pos++;
            depth++;
            Expr inner = or();
            depth--;
            if (pos < tokens.size() && tokens.get(pos).is(SplTokenKind.RPAREN)) {
                pos++;
            }
            return new Operand(null, false, inner);
        }
        if (t.is(SplTokenKind.WORD) && pos + 1 < tokens.size() && tokens.get(pos + 1).is(SplTokenKind.LPAREN)) {
            return call();
        }
        pos++;
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
        int start = pos;
        String name = tokens.get(pos++).text().toLowerCase(Locale.ROOT);
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
        return computed(start);
    }

    private Operand computed(int start) {
        String text = source.substring(tokens.get(start).start(), tokens.get(Math.max(start, pos - 1)).end());
        return new Operand(text, false, new Expr.Opaque(text, "function not analysed"));
    }

    private List<Operand> arguments() {
        List<Operand> args = new ArrayList<>();
        if (pos < tokens.size() && tokens.get(pos).is(SplTokenKind.LPAREN)) {
            pos++;
        }
        depth++;
        try {
            return argumentList(args);
        } finally {
            depth--;
        }
    }

    private List<Operand> argumentList(List<Operand> args) {
        while (pos < tokens.size() && !tokens.get(pos).is(SplTokenKind.RPAREN)) {
            if (tokens.get(pos).is(SplTokenKind.COMMA)) {
                pos++;
                continue;
            }
            int before = pos;
            args.add(operand());
            if (pos == before) {
                pos++;
            }
        }
        pos++;
        return args;
    }

    private static Expr leafOf(String field, Kind kind, String value) {
        FieldName name = FieldName.of(field);
        return new Expr.Leaf(new Predicate(name.name(), name.dataModel(), kind, value, List.of(), null));
    }

    private Expr opaqueFrom(int start, String reason) {
        int end = Math.max(start, Math.min(pos, tokens.size()) - 1);
        return new Expr.Opaque(source.substring(tokens.get(start).start(), tokens.get(end).end()), reason);
    }

    private boolean peekWord(String word) {
        return pos < tokens.size() && tokens.get(pos).is(SplTokenKind.WORD) && tokens.get(pos).text().equals(word);
    }
}
