package io.rulescope.dialect.kql;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.parse.BooleanGrammar;
import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Token;
import io.rulescope.query.parse.TokenCursor;

/**
 * Recursive-descent parser for the predicate of a Kusto {@code where}: comparisons and string operators on columns
 * become predicates with the boolean structure around them; a value that names a {@code let} list becomes that
 * list's literals. What it cannot read as a column test (arithmetic, most functions) is kept as
 * {@link Expr.Opaque} with the reason, and the rest of the predicate is still read. Time-window conditions
 * ({@code TimeGenerated > ago(1d)}) say when, not what, and are left out.
 */
final class KqlWhereParser {


    /** Columns whose comparisons are a time window rather than something the rule looks for. */
    private static final Set<String> TIME_COLUMNS = Set.of("timegenerated", "timestamp", "starttime", "endtime", "eventtime",
            "timecreated", "_timereceived", "ingestion_time", "firsttime", "lasttime", "createdtime", "starttimeutc", "endtimeutc");

    /** Values that are a point in time relative to the query's run: a comparison with one is a time window. */
    private static final Set<String> TIME_FUNCTIONS = Set.of("ago", "now", "startofday", "startofweek", "startofmonth",
            "endofday", "endofweek", "datetime_add", "bin");

    /** Functions that give back their column unchanged for a test, or with case folded. */
    private static final Set<String> TRANSPARENT = Set.of("tostring", "tolower", "toupper", "trim_end", "trim_start", "todynamic");

    private static final Expr TIME_WINDOW = new Expr.All();

    /** Calls that only spell a literal: {@code datetime(2021-01-01)}, {@code time(0s)}, {@code toint(49512)}. */
    private static final Set<String> LITERAL_CALLS = Set.of("datetime", "timespan", "time", "int", "long", "real",
            "toint", "tolong", "toreal", "todouble", "bool", "guid");

    private static final Set<KqlTokenKind> OPENS = EnumSet.of(KqlTokenKind.LPAREN, KqlTokenKind.LBRACKET, KqlTokenKind.LBRACE);
    private static final Set<KqlTokenKind> CLOSES = EnumSet.of(KqlTokenKind.RPAREN, KqlTokenKind.RBRACKET, KqlTokenKind.RBRACE);

    /** Kusto writes its negation as a function, {@code not(...)}: the grammar's not and parentheses read it. */
    private static final BooleanGrammar.Operators<KqlTokenKind> OPERATORS = new BooleanGrammar.Operators<>(
            t -> t.is(KqlTokenKind.WORD, "or"), t -> t.is(KqlTokenKind.WORD, "and"), t -> t.is(KqlTokenKind.WORD, "not"),
            KqlTokenKind.LPAREN, KqlTokenKind.RPAREN, false);

    private final TokenCursor<KqlTokenKind> c;
    private final boolean empty;
    private final Map<String, List<String>> letValues;
    private final Set<String> letNames;

    KqlWhereParser(String query, List<Token<KqlTokenKind>> tokens, Map<String, List<String>> letValues, Set<String> letNames) {
        this.c = TokenCursor.over(query, tokens);
        this.empty = tokens.isEmpty();
        this.letValues = letValues;
        this.letNames = letNames;
    }

    /** The predicate's structure, or null when it holds nothing but a time window. */
    Expr parse() {
        if (empty) {
            return null;
        }
        Expr e = withoutTimeWindows(new BooleanGrammar<>(OPERATORS, cursor -> condition(), t -> false)
                .recovering(cursor -> skip(cursor.mark(), Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH))).parseWhole(c));
        return e == TIME_WINDOW ? null : e;
    }

    /** A time window says when, not what: it leaves every {@code and} it stands in, and a {@code not} of one is one. */
    private static Expr withoutTimeWindows(Expr e) {
        if (e instanceof Expr.And and) {
            List<Expr> kept = and.parts().stream().map(KqlWhereParser::withoutTimeWindows).filter(p -> p != TIME_WINDOW).toList();
            return kept.isEmpty() ? TIME_WINDOW : kept.size() == 1 ? kept.get(0) : new Expr.And(kept);
        }
        if (e instanceof Expr.Or or) {
            return new Expr.Or(or.parts().stream().map(KqlWhereParser::withoutTimeWindows).toList());
        }
        if (e instanceof Expr.Not not) {
            Expr inner = withoutTimeWindows(not.inner());
            return inner == TIME_WINDOW ? TIME_WINDOW : new Expr.Not(inner);
        }
        return e;
    }

    // condition := ("isnotempty" | "isempty" | "isnotnull" | "isnull") "(" column ")" | column operator value
    private Expr condition() {
        int start = c.mark();
        if (c.atEnd()) {
            return new Expr.Opaque("", "a condition is missing at the end");
        }
        String fn = c.at(KqlTokenKind.WORD) ? KqlScript.lower(c.peek().text()) : "";
        if (List.of("isnotempty", "isempty", "isnotnull", "isnull").contains(fn) && c.peek(1).is(KqlTokenKind.LPAREN)) {
            c.next();
            c.next();
            String column = column();
            if (column != null && c.at(KqlTokenKind.RPAREN) && atBoundary(c.peek(1))) {
                c.next();
                Kind kind = fn.startsWith("isnot") ? Kind.EXISTS : Kind.NULL;
                return leaf(column, kind, null, List.of());
            }
            return skip(start, "'" + fn + "' of an expression, not of a column");
        }
        String column = column();
        if (column == null) {
            return skip(start, "not a test of a column");
        }
        Operator op = operator();
        if (op == null) {
            return skip(start, !c.atEnd() ? "operator '" + c.peek().text() + "' is not analysed" : "a column alone");
        }
        boolean timeValue = op.isOrdering() && c.at(KqlTokenKind.WORD) && c.peek(1).is(KqlTokenKind.LPAREN)
                && TIME_FUNCTIONS.contains(KqlScript.lower(c.peek().text()));
        if (op.isOrdering() && (TIME_COLUMNS.contains(KqlScript.lower(column)) || timeValue)) {
            skip(start, "");
            return TIME_WINDOW;
        }
        List<Value> values = new ArrayList<>();
        Unread problem = values(op, values);
        if (problem != null) {
            return skip(start, problem);
        }
        if (!atBoundary(c.peek())) {
            return skip(start, "the test goes on after its value (an expression?)");
        }
        return op.build(column, values, this);
    }

    /** A column: {@code Name}, {@code Parent.Child}, {@code ['Name with spaces']}, or one inside tolower() and the like. */
    private String column() {
        if (c.atEnd()) {
            return null;
        }
        Token<KqlTokenKind> t = c.peek();
        if (t.is(KqlTokenKind.WORD) && TRANSPARENT.contains(KqlScript.lower(t.text())) && c.peek(1).is(KqlTokenKind.LPAREN)) {
            int save = c.mark();
            c.next();
            c.next();
            String inner = column();
            if (inner != null && c.accept(KqlTokenKind.RPAREN)) {
                return inner;
            }
            c.reset(save);
            return null;
        }
        if (t.is(KqlTokenKind.WORD, "column_ifexists") && c.peek(1).is(KqlTokenKind.LPAREN) && c.peek(2).is(KqlTokenKind.STRING)) {
            String name = c.peek(2).text();
            c.next();
            c.reset(c.closing(OPENS, CLOSES) + 1);
            return name;
        }
        StringBuilder name = new StringBuilder();
        if (t.is(KqlTokenKind.WORD) && !isOperatorWord(t) && !c.peek(1).is(KqlTokenKind.LPAREN)) {
            name.append(c.next().text());
        } else if (!bracketedName(name)) {
            return null;
        }
        while (c.at(KqlTokenKind.DOT) && c.peek(1).is(KqlTokenKind.WORD) || c.at(KqlTokenKind.LBRACKET)) {
            if (c.accept(KqlTokenKind.DOT)) {
                name.append('.').append(c.next().text());
            } else if (!bracketedName(name.append('.'))) {
                name.setLength(name.length() - 1);
                break;
            }
        }
        return name.toString();
    }

    /** {@code ['Name with spaces']}, appended to {@code name}; false, taking nothing, when the cursor is not at one. */
    private boolean bracketedName(StringBuilder name) {
        if (c.at(KqlTokenKind.LBRACKET) && c.peek(1).is(KqlTokenKind.STRING) && c.peek(2).is(KqlTokenKind.RBRACKET)) {
            c.next();
            name.append(c.next().text());
            c.next();
            return true;
        }
        return false;
    }

    private Operator operator() {
        if (c.atEnd()) {
            return null;
        }
        Token<KqlTokenKind> t = c.peek();
        if (t.is(KqlTokenKind.WORD, "matches") && c.peek(1).is(KqlTokenKind.WORD, "regex")) {
            c.next();
            c.next();
            return Operator.REGEX;
        }
        Operator op = t.is(KqlTokenKind.OPERATOR) ? Operator.symbol(t.text()) : t.is(KqlTokenKind.WORD) ? Operator.word(t.text()) : null;
        if (op != null) {
            c.next();
        }
        return op;
    }

    /** The tokens inside the brackets at the cursor, which it moves past. */
    private List<Token<KqlTokenKind>> bracketed() {
        int open = c.mark();
        int close = c.closing(OPENS, CLOSES);
        c.reset(close + 1);
        return c.tokens(open + 1, close);
    }

    /** Reads the operator's value or list into {@code values}; returns why it could not, or null. */
    private Unread values(Operator op, List<Value> values) {
        if (op.takesList()) {
            if (c.at(KqlTokenKind.LPAREN)) {
                List<Token<KqlTokenKind>> inside = bracketed();
                if (inside.stream().anyMatch(t -> t.is(KqlTokenKind.PIPE)) || !inside.isEmpty()
                        && (inside.get(0).is(KqlTokenKind.WORD, "externaldata") || inside.get(0).is(KqlTokenKind.LPAREN) && inside.size() > 3)) {
                    return Unread.of(Diagnostic.SUBQUERY_VALUES, "a query written inside the list");
                }
                if (op == Operator.BETWEEN || op == Operator.NOT_BETWEEN) {
                    return range(inside, values);
                }
                return list(inside, values);
            }
            if (c.at(KqlTokenKind.WORD)) {
                return list(List.of(c.next()), values);
            }
            return Unread.because("the list after '" + op.written + "' is not literal");
        }
        if (c.atEnd()) {
            return Unread.because("no value after '" + op.written + "'");
        }
        Token<KqlTokenKind> t = c.peek();
        if (t.is(KqlTokenKind.LPAREN)) {
            Unread problem = list(bracketed(), values);
            return problem != null ? problem : values.size() == 1 ? null : Unread.because("'" + op.written + "' with a list");
        }
        if (t.is(KqlTokenKind.WORD) && c.peek(1).is(KqlTokenKind.LPAREN)) {
            int callStart = c.mark();
            c.next();
            bracketed();
            List<Token<KqlTokenKind>> call = c.tokens(callStart, c.mark());
            if (t.is(KqlTokenKind.WORD, "dynamic") || t.is(KqlTokenKind.WORD, "pack_array")) {
                return list(call, values);
            }
            if (LITERAL_CALLS.contains(KqlScript.lower(t.text()))) {
                values.add(Value.literal(c.textSince(callStart)));
                return null;
            }
            return Unread.because("the value '" + t.text() + "(...)' is computed");
        }
        if (t.is(KqlTokenKind.OPERATOR, "-") && c.peek(1).is(KqlTokenKind.NUMBER)) {
            c.next();
            values.add(Value.literal("-" + c.next().text()));
            return null;
        }
        c.next();
        return list(List.of(t), values);
    }

    private Unread range(List<Token<KqlTokenKind>> inside, List<Value> values) {
        inside = unwrapLiteralCalls(inside);
        if (inside.size() == 3 && literal(inside.get(0)) && inside.get(1).is(KqlTokenKind.OPERATOR, "..") && literal(inside.get(2))) {
            values.add(Value.literal(inside.get(0).text()));
            values.add(Value.literal(inside.get(2).text()));
            return null;
        }
        return Unread.because("the range of 'between' is not two literals");
    }

    private Unread list(List<Token<KqlTokenKind>> inside, List<Value> values) {
        for (int i = 0; i < inside.size(); i++) {
            Token<KqlTokenKind> t = inside.get(i);
            if (literal(t)) {
                values.add(Value.literal(t.text()));
            } else if (t.is(KqlTokenKind.COMMA)) {
                continue;
            } else if (t.is(KqlTokenKind.WORD, "dynamic") || t.is(KqlTokenKind.WORD, "pack_array")) {
                int close = KqlScript.closing(inside, i + 1);
                for (Token<KqlTokenKind> v : inside.subList(Math.min(i + 1, inside.size()), close + 1)) {
                    if (literal(v)) {
                        values.add(Value.literal(v.text()));
                    } else if (!(v.is(KqlTokenKind.COMMA) || v.is(KqlTokenKind.LPAREN) || v.is(KqlTokenKind.RPAREN)
                            || v.is(KqlTokenKind.LBRACKET) || v.is(KqlTokenKind.RBRACKET))) {
                        return Unread.because("a list with a non-literal element");
                    }
                }
                i = close;
            } else if (t.is(KqlTokenKind.WORD) && letValues.containsKey(t.text())) {
                if (letValues.get(t.text()).isEmpty() && inside.size() == 1) {
                    return Unread.of(Diagnostic.TUNING_LIST, t.text());
                }
                letValues.get(t.text()).forEach(v -> values.add(Value.literal(v)));
            } else if (t.is(KqlTokenKind.WORD) && letNames.contains(t.text())) {
                return Unread.of(Diagnostic.SUBQUERY_VALUES, "'" + t.text() + "', the sub-query defined above");
            } else if (t.is(KqlTokenKind.LPAREN) && i + 2 < inside.size() && inside.get(i + 1).is(KqlTokenKind.WORD)
                    && inside.get(i + 2).is(KqlTokenKind.RPAREN)) {
                List<Value> more = new ArrayList<>();
                Unread problem = list(inside.subList(i + 1, i + 2), more);
                if (problem != null) {
                    return problem;
                }
                values.addAll(more);
                i += 2;
            } else if (t.is(KqlTokenKind.WORD) && inside.size() == 1 && !isOperatorWord(t)) {
                values.add(new Value(t.text(), true));
            } else if (t.is(KqlTokenKind.OPERATOR) && t.text().equals("-") && i + 1 < inside.size() && inside.get(i + 1).is(KqlTokenKind.NUMBER)) {
                values.add(Value.literal("-" + inside.get(++i).text()));
            } else {
                return Unread.because("value '" + t.text() + "' is not a literal");
            }
        }
        return values.isEmpty() ? Unread.because("no value") : null;
    }

    /** {@code toint(49512) .. toint(65535)} read as {@code 49512 .. 65535}. */
    private static List<Token<KqlTokenKind>> unwrapLiteralCalls(List<Token<KqlTokenKind>> tokens) {
        List<Token<KqlTokenKind>> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token<KqlTokenKind> t = tokens.get(i);
            if (t.is(KqlTokenKind.WORD) && LITERAL_CALLS.contains(KqlScript.lower(t.text())) && i + 3 < tokens.size()
                    && tokens.get(i + 1).is(KqlTokenKind.LPAREN) && literal(tokens.get(i + 2))
                    && tokens.get(i + 3).is(KqlTokenKind.RPAREN)) {
                out.add(tokens.get(i + 2));
                i += 3;
            } else {
                out.add(t);
            }
        }
        return out;
    }

    /** A value as written after an operator: a literal, or the name of another column ({@code where A == B}). */
    record Value(String text, boolean column) {
        static Value literal(String text) {
            return new Value(text, false);
        }
    }

    /** Why an operator's value could not be read; {@code byDesign} when the query means it so (a sub-query's results). */
    private record Unread(String reason, boolean byDesign) {
        static Unread because(String reason) {
            return new Unread(reason, false);
        }

        static Unread of(Diagnostic diagnostic, Object... args) {
            return new Unread(diagnostic.format(args), diagnostic.byDesign());
        }
    }

    private static boolean literal(Token<KqlTokenKind> t) {
        return t.is(KqlTokenKind.STRING) || t.is(KqlTokenKind.NUMBER) || t.is(KqlTokenKind.WORD, "true") || t.is(KqlTokenKind.WORD, "false");
    }

    private static boolean isOperatorWord(Token<KqlTokenKind> t) {
        return t.is(KqlTokenKind.WORD, "and") || t.is(KqlTokenKind.WORD, "or") || t.is(KqlTokenKind.WORD, "not") || Operator.word(t.text()) != null;
    }

    /** True at the end, before {@code and}, {@code or} or a closing parenthesis. */
    private static boolean atBoundary(Token<KqlTokenKind> t) {
        return t.kind() == null || t.is(KqlTokenKind.WORD, "and") || t.is(KqlTokenKind.WORD, "or") || t.is(KqlTokenKind.RPAREN);
    }

    private Expr skip(int start, String reason) {
        return skip(start, Unread.because(reason));
    }

    /** Skips from {@code start} to the next boundary at this nesting level and keeps that text as not analysed. */
    private Expr skip(int start, Unread why) {
        c.skipOperand(start, t -> t.is(KqlTokenKind.WORD, "and") || t.is(KqlTokenKind.WORD, "or"), OPENS, CLOSES);
        return new Expr.Opaque(c.textSince(start), why.reason(), why.byDesign());
    }

    Expr test(String column, Kind kind, Value value, List<String> modifiers) {
        if (value.column()) {
            return new Expr.Leaf(new Predicate(column, null, Kind.FIELDREF, value.text(), modifiers, null));
        }
        return leaf(column, kind, value.text(), modifiers);
    }

    Expr leaf(String column, Kind kind, String value, List<String> modifiers) {
        return new Expr.Leaf(new Predicate(column, null, kind, value, modifiers, null));
    }
}
