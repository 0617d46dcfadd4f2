package io.rulescope.dialect.yaral;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rulescope.dialect.yaral.YaralTokenizer.Kind;
import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.parse.BooleanGrammar;
import io.rulescope.query.parse.Token;
import io.rulescope.query.parse.TokenCursor;

/**
 * Parses a YARA-L {@code events:} section into statements, one per line (a statement in parentheses may span lines),
 * each an {@link Expr} over predicates on one or more events' fields. A statement that binds a placeholder
 * ({@code $e.principal.ip = $ip}) filters nothing: it is kept apart, with the field it binds. A statement that cannot
 * be parsed becomes an {@link Expr.Opaque} with the reason, and the next line is read.
 */
final class YaralEventsParser {

    /**
     * One statement: what it tests, its text, the event variables it names, and for a binding the placeholder and
     * the field it binds ({@code boundField} null when bound to a computed value); {@code failure} says why a
     * statement could not be parsed, null when it could. {@code events} keep the order they are written in, so pages
     * name them the same way each time.
     */
    record Statement(Expr expr, String text, Set<String> events, String placeholder, String boundField, String failure) {

        boolean binds() {
            return placeholder != null;
        }
    }

    /** One side of a comparison. */
    private record Operand(Type type, String text, String event, String field, String value, boolean folded,
            String function, List<Operand> args) {

        static Operand of(Type type, String text) {
            return new Operand(type, text, null, null, null, false, null, List.of());
        }
    }

    private enum Type { FIELD, PLACEHOLDER, LITERAL, NUMBER, REGEX, CALL, COMPUTED, COUNT, LIST }

    private static final Set<String> FOLDING = Set.of("strings.to_lower", "strings.to_upper");

    private final BooleanGrammar<Kind> grammar = new BooleanGrammar<>(new BooleanGrammar.Operators<>(
            t -> t.is(Kind.WORD, "or"), t -> t.is(Kind.WORD, "and"),
            t -> t.is(Kind.WORD, "not"), Kind.LPAREN, Kind.RPAREN, false),
            this::comparison, t -> t.is(Kind.NEWLINE));

    /** Bindings found in the statement being read, by the Opaque standing for each. */
    private final Map<Expr, String[]> bindings = new IdentityHashMap<>();
    private final Set<String> events = new LinkedHashSet<>();

    private YaralEventsParser() {
    }

    /**
     * @throws io.rulescope.query.QueryTooLargeException if the section is over the length cap
     */
    static List<Statement> parse(String section) {
        List<Token<Kind>> tokens;
        try {
            tokens = YaralTokenizer.tokenize(section);
        } catch (QueryParseException e) {
            return List.of(new Statement(new Expr.Opaque(section.strip(), e.describe()), section.strip(), Set.of(), null, null,
                    e.describe()));
        }
        return new YaralEventsParser().statements(new TokenCursor<>(section, tokens));
    }

    // section := ( statement NEWLINE )*
    private List<Statement> statements(TokenCursor<Kind> c) {
        List<Statement> statements = new ArrayList<>();
        while (!c.atEnd()) {
            if (c.accept(Kind.NEWLINE)) {
                continue;
            }
            int mark = c.mark();
            bindings.clear();
            events.clear();
            Expr expr;
            String failure = null;
            try {
                expr = grammar.parse(c);
                if (!c.at(Kind.NEWLINE) && !c.atEnd()) {
                    throw new QueryParseException(Diagnostic.UNEXPECTED, c.peek().start(), c.peek().text());
                }
            } catch (QueryParseException e) {
                c.reset(mark);
                c.skipTo(t -> t.is(Kind.NEWLINE), Kind.LPAREN, Kind.RPAREN);
                failure = e.describe();
                expr = new Expr.Opaque(c.textSince(mark), failure);
            }
            String[] binding = bindings.get(expr);
            statements.add(new Statement(expr, c.textSince(mark), inOrderWritten(events), binding == null ? null : binding[0],
                    binding == null ? null : binding[1], failure));
        }
        return statements;
    }

    // comparison := [ "any" | "all" ] operand ( OPERATOR operand | [ "not" ] "in" [ "regex" | "cidr" ] LIST )? [ "nocase" ]
    private Expr comparison(TokenCursor<Kind> c) {
        int mark = c.mark();
        if (c.at(Kind.WORD, "any") || c.at(Kind.WORD, "all")) {
            if (c.peek(1).is(Kind.FIELD)) {
                c.next();
            }
        }
        Operand left = operand(c);
        boolean negated = c.at(Kind.WORD, "not") && c.peek(1).is(Kind.WORD, "in");
        if (negated) {
            c.next();
        }
        if (c.accept(Kind.WORD, "in")) {
            if (c.at(Kind.WORD, "regex") || c.at(Kind.WORD, "cidr")) {
                c.next();
            }
            Token<Kind> list = c.expect(Kind.LIST, "a reference list");
            c.accept(Kind.WORD, "nocase");
            Expr lookup = Expr.Opaque.of(c.textSince(mark), Diagnostic.REFERENCE_LIST, list.text());
            return negated ? new Expr.Not(lookup) : lookup;
        }
        if (c.at(Kind.OPERATOR)) {
            String op = c.next().text();
            Operand right = operand(c);
            boolean nocase = c.accept(Kind.WORD, "nocase");
            return compare(left, op, right, nocase, c.textSince(mark));
        }
        boolean nocase = c.accept(Kind.WORD, "nocase");
        return test(left, nocase, c.textSince(mark));
    }

    // operand := term ( ARITHMETIC term )*
    private Operand operand(TokenCursor<Kind> c) {
        int mark = c.mark();
        Operand first = term(c);
        if (!c.at(Kind.ARITHMETIC)) {
            return first;
        }
        while (c.accept(Kind.ARITHMETIC)) {
            term(c);
        }
        return Operand.of(Type.COMPUTED, c.textSince(mark));
    }

    // term := FIELD | VARIABLE | COUNT | LIST | STRING | REGEX | NUMBER | WORD "(" [ operand ( "," operand )* ] ")" | WORD
    private Operand term(TokenCursor<Kind> c) {
        int mark = c.mark();
        Token<Kind> t = c.next();
        switch (t.kind()) {
            case FIELD -> {
                int dot = t.text().indexOf('.');
                String event = t.text().substring(1, dot);
                events.add(event);
                String field = t.text().substring(dot + 1).replaceAll("\\[\\d+\\]", "");
                return new Operand(Type.FIELD, t.text(), event, field, null, false, null, List.of());
            }
            case VARIABLE -> {
                return Operand.of(Type.PLACEHOLDER, t.text());
            }
            case COUNT -> {
                return Operand.of(Type.COUNT, t.text());
            }
            case LIST -> {
                return Operand.of(Type.LIST, t.text());
            }
            case STRING -> {
                return new Operand(Type.LITERAL, t.text(), null, null, YaralTokenizer.unquote(t), false, null, List.of());
            }
            case REGEX -> {
                return new Operand(Type.REGEX, t.text(), null, null, YaralTokenizer.unquote(t), false, null, List.of());
            }
            case NUMBER -> {
                return new Operand(Type.NUMBER, t.text(), null, null, t.text(), false, null, List.of());
            }
            case WORD -> {
                if (!c.at(Kind.LPAREN)) {
                    return new Operand(Type.LITERAL, t.text(), null, null, t.text(), false, null, List.of());
                }
                return call(c, t, mark);
            }
            default -> throw new QueryParseException(t.is(Kind.END) || t.is(Kind.NEWLINE) ? Diagnostic.INCOMPLETE : Diagnostic.UNEXPECTED,
                    t.start(), t.is(Kind.END) || t.is(Kind.NEWLINE) ? "a value" : t.text());
        }
    }

    private Operand call(TokenCursor<Kind> c, Token<Kind> name, int mark) {
        int open = c.next().start();
        List<Operand> args = new ArrayList<>();
        if (!c.at(Kind.RPAREN)) {
            do {
                args.add(operand(c));
            } while (c.accept(Kind.COMMA));
        }
        if (!c.accept(Kind.RPAREN)) {
            throw new QueryParseException(Diagnostic.UNBALANCED, c.peek().start(), ")", "(", open);
        }
        String function = name.lower();
        String text = c.textSince(mark);
        if (FOLDING.contains(function) && args.size() == 1 && args.get(0).type() == Type.FIELD) {
            Operand f = args.get(0);
            return new Operand(Type.FIELD, text, f.event(), f.field(), null, true, null, List.of());
        }
        return new Operand(Type.CALL, text, null, null, null, false, function, List.copyOf(args));
    }

    /** A comparison of two operands, read as a predicate where one side is a field and the other a value. */
    private Expr compare(Operand left, String op, Operand right, boolean nocase, String text) {
        if (isValue(left) && right.type() == Type.FIELD) {
            return compare(right, flip(op), left, nocase, text);
        }
        if (left.type() == Type.PLACEHOLDER && isBindable(right) || right.type() == Type.PLACEHOLDER && isBindable(left)) {
            Operand placeholder = left.type() == Type.PLACEHOLDER ? left : right;
            Operand bound = placeholder == left ? right : left;
            Expr binding = Expr.Opaque.of(text, Diagnostic.PLACEHOLDER_BINDING, placeholder.text());
            bindings.put(binding, new String[] { placeholder.text(), bound.type() == Type.FIELD ? bound.field() : null });
            return binding;
        }
        if (left.type() == Type.FIELD && right.type() == Type.FIELD) {
            if (!left.event().equals(right.event())) {
                return Expr.Opaque.of(text, Diagnostic.EVENTS_COMPARED);
            }
            if (!op.equals("=") && !op.equals("!=")) {
                return Expr.Opaque.of(text, Diagnostic.NOT_ANALYSED, "an ordering of two fields");
            }
            return negate(op, leaf(left, io.rulescope.query.Kind.FIELDREF, right.field(), List.of()));
        }
        if (left.type() == Type.FIELD && isValue(right)) {
            return valueTest(left, op, right, nocase, text);
        }
        if (left.type() == Type.CALL && isValue(right)) {
            return Expr.Opaque.of(text, Diagnostic.FUNCTION_NOT_ANALYSED, left.function());
        }
        return Expr.Opaque.of(text, Diagnostic.NOT_ANALYSED, "a comparison of computed values");
    }

    private Expr valueTest(Operand field, String op, Operand value, boolean nocase, String text) {
        boolean caseless = nocase || field.folded();
        if (value.type() == Type.REGEX) {
            if (!op.equals("=") && !op.equals("!=")) {
                return Expr.Opaque.of(text, Diagnostic.NOT_ANALYSED, "an ordering against a regular expression");
            }
            return negate(op, leaf(field, io.rulescope.query.Kind.RE, value.value(), caseless ? List.of("i") : List.of()));
        }
        io.rulescope.query.Kind kind = switch (op) {
            case "=", "!=" -> io.rulescope.query.Kind.EQ;
            case ">" -> io.rulescope.query.Kind.GT;
            case ">=" -> io.rulescope.query.Kind.GTE;
            case "<" -> io.rulescope.query.Kind.LT;
            case "<=" -> io.rulescope.query.Kind.LTE;
            default -> null;
        };
        if (kind == null) {
            return Expr.Opaque.of(text, Diagnostic.NOT_ANALYSED, "operator " + op);
        }
        boolean cased = kind == io.rulescope.query.Kind.EQ && value.type() == Type.LITERAL && !caseless;
        return negate(op, leaf(field, kind, value.value(), cased ? List.of("cased") : List.of()));
    }

    /** A statement that is one function call: the string and network tests YARA-L offers. */
    private Expr test(Operand operand, boolean nocase, String text) {
        if (operand.type() != Type.CALL) {
            return Expr.Opaque.of(text, Diagnostic.NOT_ANALYSED, "a value that is not a test");
        }
        List<Operand> args = operand.args();
        boolean fieldAndValue = args.size() == 2 && args.get(0).type() == Type.FIELD
                && (args.get(1).type() == Type.LITERAL || args.get(1).type() == Type.REGEX);
        if (!fieldAndValue) {
            return Expr.Opaque.of(text, Diagnostic.FUNCTION_NOT_ANALYSED, operand.function());
        }
        Operand field = args.get(0);
        String value = args.get(1).value();
        boolean caseless = nocase || field.folded();
        return switch (operand.function()) {
            case "re.regex" -> leaf(field, io.rulescope.query.Kind.RE, value, caseless ? List.of("i") : List.of());
            case "net.ip_in_range_cidr" -> leaf(field, io.rulescope.query.Kind.CIDR, value, List.of());
            case "strings.contains" -> leaf(field, io.rulescope.query.Kind.CONTAINS, value, caseless ? List.of() : List.of("cased"));
            case "strings.starts_with" -> leaf(field, io.rulescope.query.Kind.STARTSWITH, value, caseless ? List.of() : List.of("cased"));
            case "strings.ends_with" -> leaf(field, io.rulescope.query.Kind.ENDSWITH, value, caseless ? List.of() : List.of("cased"));
            default -> Expr.Opaque.of(text, Diagnostic.FUNCTION_NOT_ANALYSED, operand.function());
        };
    }

    private static Expr leaf(Operand field, io.rulescope.query.Kind kind, String value, List<String> modifiers) {
        return new Expr.Leaf(new Predicate(field.field(), null, kind, value, modifiers, null));
    }

    private static Expr negate(String op, Expr e) {
        return op.equals("!=") ? new Expr.Not(e) : e;
    }

    private static boolean isValue(Operand o) {
        return o.type() == Type.LITERAL || o.type() == Type.NUMBER || o.type() == Type.REGEX;
    }

    private static boolean isBindable(Operand o) {
        return o.type() == Type.FIELD || o.type() == Type.CALL || o.type() == Type.COMPUTED;
    }

    private static String flip(String op) {
        return switch (op) {
            case ">" -> "<";
            case "<" -> ">";
            case ">=" -> "<=";
            case "<=" -> ">=";
            default -> op;
        };
    }

    /** {@code Set.copyOf} would iterate in an order that changes from one run to the next. */
    private static Set<String> inOrderWritten(Set<String> events) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(events));
    }
}
