package io.rulescope.dialect.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rulescope.query.Expr;
import io.rulescope.query.Kind;

/**
 * The Kusto comparison and string operators, each with the indicator kind it tests, whether it compares case, and
 * whether it is the negated spelling. {@code has} tests whole terms; it is kept as a {@code contains} with the
 * modifier {@code has}, so it counts with the other vendors' substring tests of the same value.
 */
enum Operator {
    EQ("==", Kind.EQ, true, false, false),
    NEQ("!=", Kind.EQ, true, true, false),
    EQ_NOCASE("=~", Kind.EQ, false, false, false),
    NEQ_NOCASE("!~", Kind.EQ, false, true, false),
    NEQ_SQL("<>", Kind.EQ, true, true, false),
    LT("<", Kind.LT, false, false, false),
    LTE("<=", Kind.LTE, false, false, false),
    GT(">", Kind.GT, false, false, false),
    GTE(">=", Kind.GTE, false, false, false),
    HAS("has", Kind.CONTAINS, false, false, false),
    NOT_HAS("!has", Kind.CONTAINS, false, true, false),
    HAS_CS("has_cs", Kind.CONTAINS, true, false, false),
    NOT_HAS_CS("!has_cs", Kind.CONTAINS, true, true, false),
    HASPREFIX("hasprefix", Kind.STARTSWITH, false, false, false),
    NOT_HASPREFIX("!hasprefix", Kind.STARTSWITH, false, true, false),
    HASSUFFIX("hassuffix", Kind.ENDSWITH, false, false, false),
    NOT_HASSUFFIX("!hassuffix", Kind.ENDSWITH, false, true, false),
    CONTAINS("contains", Kind.CONTAINS, false, false, false),
    NOT_CONTAINS("!contains", Kind.CONTAINS, false, true, false),
    CONTAINS_CS("contains_cs", Kind.CONTAINS, true, false, false),
    NOT_CONTAINS_CS("!contains_cs", Kind.CONTAINS, true, true, false),
    STARTSWITH("startswith", Kind.STARTSWITH, false, false, false),
    NOT_STARTSWITH("!startswith", Kind.STARTSWITH, false, true, false),
    STARTSWITH_CS("startswith_cs", Kind.STARTSWITH, true, false, false),
    NOT_STARTSWITH_CS("!startswith_cs", Kind.STARTSWITH, true, true, false),
    ENDSWITH("endswith", Kind.ENDSWITH, false, false, false),
    NOT_ENDSWITH("!endswith", Kind.ENDSWITH, false, true, false),
    ENDSWITH_CS("endswith_cs", Kind.ENDSWITH, true, false, false),
    NOT_ENDSWITH_CS("!endswith_cs", Kind.ENDSWITH, true, true, false),
    IN("in", Kind.EQ, true, false, true),
    IN_NOCASE("in~", Kind.EQ, false, false, true),
    NOT_IN("!in", Kind.EQ, true, true, true),
    NOT_IN_NOCASE("!in~", Kind.EQ, false, true, true),
    HAS_ANY("has_any", Kind.CONTAINS, false, false, true),
    HAS_ALL("has_all", Kind.CONTAINS, false, false, true),
    BETWEEN("between", Kind.GTE, false, false, true),
    NOT_BETWEEN("!between", Kind.GTE, false, true, true),
    REGEX("matches regex", Kind.RE, true, false, false);

    private static final Map<String, Operator> BY_SPELLING = new java.util.HashMap<>();

    static {
        for (Operator op : values()) {
            BY_SPELLING.put(op.written, op);
            if (op.written.endsWith("_cs")) {
                // the older spelling, still in many rules: containscs, !startswithcs
                BY_SPELLING.put(op.written.replace("_cs", "cs"), op);
            }
        }
    }

    final String written;
    private final Kind kind;
    private final boolean cased;
    private final boolean negated;
    private final boolean list;

    Operator(String written, Kind kind, boolean cased, boolean negated, boolean list) {
        this.written = written;
        this.kind = kind;
        this.cased = cased;
        this.negated = negated;
        this.list = list;
    }

    /** The operator written with symbols ({@code ==}, {@code !~}), or null. */
    static Operator symbol(String text) {
        return text.chars().anyMatch(Character::isLetter) ? null : BY_SPELLING.get(text);
    }

    /** The operator written as a word ({@code has_any}, {@code !in~}), or null; {@code matches regex} is two words. */
    static Operator word(String text) {
        Operator op = BY_SPELLING.get(text.toLowerCase(Locale.ROOT));
        return op == null || op == REGEX || !text.chars().anyMatch(Character::isLetter) ? null : op;
    }

    boolean takesList() {
        return list;
    }

    /** {@code <}, {@code >} and {@code between}: on a time column they set a window rather than test a value. */
    boolean isOrdering() {
        return kind == Kind.LT || kind == Kind.LTE || kind == Kind.GT || kind == Kind.GTE;
    }

    Expr build(String column, List<KqlWhereParser.Value> values, KqlWhereParser parser) {
        List<String> modifiers = new ArrayList<>();
        if (written.startsWith("has") || written.startsWith("!has")) {
            modifiers.add("has");
        }
        if (cased && kind != Kind.RE && kind.isTextMatch()) {
            modifiers.add("cased");
        }
        Expr test;
        if (this == BETWEEN || this == NOT_BETWEEN) {
            test = new Expr.And(List.of(parser.test(column, Kind.GTE, values.get(0), modifiers),
                    parser.test(column, Kind.LTE, values.get(1), modifiers)));
        } else if (values.size() == 1) {
            test = parser.test(column, kind, values.get(0), modifiers);
        } else {
            List<Expr> leaves = values.stream().map(v -> parser.test(column, kind, v, modifiers)).toList();
            test = this == HAS_ALL ? new Expr.And(leaves) : new Expr.Or(leaves);
        }
        return negated ? new Expr.Not(test) : test;
    }
}
