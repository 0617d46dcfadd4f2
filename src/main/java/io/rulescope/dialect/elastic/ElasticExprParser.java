package io.rulescope.dialect.elastic;

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
 * Recursive-descent parser for the boolean conditions of Elastic's languages: EQL's {@code where}, ES|QL's
 * {@code WHERE}, and KQL and Lucene queries. Field tests become predicates with the boolean structure around them;
 * what is not a test of a field with literal values is kept as {@link Expr.Opaque} with the reason, and the rest
 * of the condition is still read.
 */
final class ElasticExprParser {


    /** Functions that test a field against literals: the kind each gives. */
    private static final Map<String, Kind> TEST_FUNCTIONS = Map.of("startswith", Kind.STARTSWITH, "endswith", Kind.ENDSWITH,
            "stringcontains", Kind.CONTAINS, "cidrmatch", Kind.CIDR, "starts_with", Kind.STARTSWITH, "ends_with", Kind.ENDSWITH);

    /** Functions that give their field back for a test, possibly with case folded. */
    private static final Set<String> TRANSPARENT = Set.of("to_lower", "to_upper", "tolower", "toupper", "to_string");

    private static final Set<ElasticTokenKind> OPENS = EnumSet.of(ElasticTokenKind.LPAREN, ElasticTokenKind.LBRACKET);
    private static final Set<ElasticTokenKind> CLOSES = EnumSet.of(ElasticTokenKind.RPAREN, ElasticTokenKind.RBRACKET);

    private static final BooleanGrammar.Operators<ElasticTokenKind> OPERATORS = operators(false);
    /** KQL and Lucene: juxtaposition is "and" too. */
    private static final BooleanGrammar.Operators<ElasticTokenKind> BARE_VALUE_OPERATORS = operators(true);

    private static BooleanGrammar.Operators<ElasticTokenKind> operators(boolean implicitAnd) {
        return new BooleanGrammar.Operators<>(t -> t.is(ElasticTokenKind.WORD, "or"), t -> t.is(ElasticTokenKind.WORD, "and"),
                t -> t.is(ElasticTokenKind.WORD, "not") || t.is(ElasticTokenKind.OPERATOR, "!"), ElasticTokenKind.LPAREN,
                ElasticTokenKind.RPAREN, implicitAnd);
    }

    private final ElasticLanguage dialect;
    private final TokenCursor<ElasticTokenKind> c;
    private final boolean empty;

    /**
     * Whether the field just read was wrapped in {@code to_lower()} or {@code to_upper()}: its comparisons then ignore
     * case (for a value written in that case), however case-sensitive the operator.
     */
    private boolean caseFolded;

    ElasticExprParser(ElasticLanguage dialect, String query, List<Token<ElasticTokenKind>> tokens) {
        this.dialect = dialect;
        this.c = TokenCursor.over(query, tokens);
        this.empty = tokens.isEmpty();
    }

    Expr parse() {
        if (empty) {
            return null;
        }
        return new BooleanGrammar<>(dialect.bareValues() ? BARE_VALUE_OPERATORS : OPERATORS, cursor -> dialect.bareValues() ? kqlCondition() : condition(),
                t -> !startsCondition(t)).recovering(cursor -> skip(cursor.mark(), Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH)))
                .parseWhole(c);
    }

    private static boolean startsCondition(Token<ElasticTokenKind> t) {
        return t.is(ElasticTokenKind.LPAREN) || t.is(ElasticTokenKind.STRING)
                || t.is(ElasticTokenKind.WORD) && !t.is(ElasticTokenKind.WORD, "or") && !t.is(ElasticTokenKind.WORD, "and");
    }

    // condition := function "(" field "," literal ( "," literal )* ")" | field operator value | field "is" ["not"] "null"
    private Expr condition() {
        int start = c.mark();
        if (c.atEnd()) {
            return new Expr.Opaque("", "a condition is missing at the end");
        }
        Token<ElasticTokenKind> head = c.peek();
        String fn = head.lower().replace("~", "");
        if (dialect == ElasticLanguage.ESQL && fn.equals("kql") && c.peek(1).is(ElasticTokenKind.LPAREN)
                && c.peek(2).is(ElasticTokenKind.STRING) && c.peek(3).is(ElasticTokenKind.RPAREN)) {
            // ES|QL's KQL() function holds a whole KQL query: read it as one.
            String inner = c.peek(2).text();
            skipTokens(4);
            Expr kql = new ElasticExprParser(ElasticLanguage.KUERY, inner, ElasticTokenizer.tokenize(inner, ElasticLanguage.KUERY)).parse();
            return kql == null ? new Expr.All() : kql;
        }
        if (head.is(ElasticTokenKind.WORD) && TEST_FUNCTIONS.containsKey(fn) && c.peek(1).is(ElasticTokenKind.LPAREN)) {
            skipTokens(2);
            String field = field();
            List<String> values = new ArrayList<>();
            while (field != null && c.accept(ElasticTokenKind.COMMA)) {
                if (!literal(values)) {
                    return skip(start, "'" + head.text() + "' with a value that is not a literal");
                }
            }
            if (field == null || !c.at(ElasticTokenKind.RPAREN) || values.isEmpty()) {
                return skip(start, "'" + head.text() + "' of an expression, not of a field");
            }
            c.next();
            List<String> mods = head.text().endsWith("~") || fn.equals("cidrmatch") ? List.of() : List.of("cased");
            return anyOf(field, TEST_FUNCTIONS.get(fn), values, mods, false);
        }
        String field = field();
        if (field == null) {
            return skip(start, "not a test of a field");
        }
        if (atBoundary()) {
            // a boolean field tested alone: where is_elevated
            return leaf(field, Kind.EQ, "true", List.of());
        }
        Token<ElasticTokenKind> op = c.next();
        if (op.is(ElasticTokenKind.WORD, "is")) {
            boolean not = c.accept(ElasticTokenKind.WORD, "not");
            if (c.accept(ElasticTokenKind.WORD, "null")) {
                return leaf(field, not ? Kind.EXISTS : Kind.NULL, null, List.of());
            }
            return skip(start, "'is' without 'null'");
        }
        // ES|QL and EQL negate an operator by writing not before it: not in, not like, not rlike
        boolean negated = op.is(ElasticTokenKind.WORD, "not") && c.at(ElasticTokenKind.WORD);
        String o = negated ? c.next().lower() : op.lower();
        List<String> values = new ArrayList<>();
        if (o.equals("in") || o.equals("in~") || o.equals(":") && c.at(ElasticTokenKind.LPAREN)
                || (o.equals("like") || o.equals("like~") || o.equals("regex") || o.equals("regex~") || o.equals("rlike"))
                && c.at(ElasticTokenKind.LPAREN)) {
            if (!list(values)) {
                return skip(start, "a list with a value that is not a literal");
            }
        } else if (c.accept(ElasticTokenKind.WORD, "null")) {
            return switch (o) {
                case "==", ":" -> leaf(field, Kind.NULL, null, List.of());
                case "!=" -> leaf(field, Kind.EXISTS, null, List.of());
                default -> skip(start, "'" + op.text() + " null'");
            };
        } else if (!literal(values)) {
            int at = c.mark();
            String other = field();
            if (other != null && atBoundary() && (o.equals("==") || o.equals("!="))) {
                Expr ref = leaf(field, Kind.FIELDREF, other, List.of());
                return o.equals("!=") ? new Expr.Not(ref) : ref;
            }
            c.reset(at);
            return skip(start, "the value is not a literal");
        }
        if (!atBoundary()) {
            return skip(start, "the test goes on after its value (an expression?)");
        }
        Expr test = test(field, o, op, values, negated, start);
        return negated && !o.equals("in") ? new Expr.Not(test) : test;
    }

    private Expr test(String field, String o, Token<ElasticTokenKind> op, List<String> values, boolean negated, int start) {
        return switch (o) {
            case "==" -> anyOf(field, Kind.EQ, values, List.of("cased"), false);
            case "!=" -> anyOf(field, Kind.EQ, values, List.of("cased"), true);
            case ":" -> patterns(field, values, List.of(), false);
            case "like" -> patterns(field, dialect == ElasticLanguage.ESQL ? values.stream().map(ElasticExprParser::likeText).toList() : values,
                    List.of("cased"), false);
            case "like~" -> patterns(field, values, List.of(), false);
            // EQL's regex and ES|QL's RLIKE match the whole value, as Lucene regular expressions do
            case "regex", "rlike" -> anyOf(field, Kind.RE, values, List.of("anchored"), false);
            case "regex~" -> anyOf(field, Kind.RE, values, List.of("i", "anchored"), false);
            case "in" -> anyOf(field, Kind.EQ, values, List.of("cased"), negated);
            case "in~" -> anyOf(field, Kind.EQ, values, List.of(), false);
            case "<" -> anyOf(field, Kind.LT, values, List.of(), false);
            case "<=" -> anyOf(field, Kind.LTE, values, List.of(), false);
            case ">" -> anyOf(field, Kind.GT, values, List.of(), false);
            case ">=" -> anyOf(field, Kind.GTE, values, List.of(), false);
            default -> skip(start, "operator '" + op.text() + "' is not analysed");
        };
    }

    // kql := field ":" value | field ":" "(" values ")" | field ( "<" | "<=" | ">" | ">=" ) value | value
    private Expr kqlCondition() {
        int start = c.mark();
        if (c.atEnd()) {
            return new Expr.Opaque("", "a condition is missing at the end");
        }
        Token<ElasticTokenKind> head = c.peek();
        if (!c.peek(1).is(ElasticTokenKind.OPERATOR)) {
            c.next();
            if (head.is(ElasticTokenKind.STRING) || head.is(ElasticTokenKind.WORD)) {
                return new Expr.Term(head.text(), null);
            }
            return skip(start, "unexpected '" + head.text() + "'");
        }
        String field = head.text();
        c.next();
        Token<ElasticTokenKind> op = c.next();
        if (field.equals("_exists_") && op.is(ElasticTokenKind.OPERATOR, ":") && c.at(ElasticTokenKind.WORD)) {
            return leaf(c.next().text(), Kind.EXISTS, null, List.of());
        }
        if (op.is(ElasticTokenKind.OPERATOR, ":") && c.accept(ElasticTokenKind.LPAREN)) {
            Expr values = values(field).nested(c);
            c.accept(ElasticTokenKind.RPAREN);
            return values;
        }
        if (!(c.at(ElasticTokenKind.WORD) || c.at(ElasticTokenKind.STRING))) {
            return skip(start, "no value after '" + field + op.text() + "'");
        }
        Token<ElasticTokenKind> value = c.next();
        return switch (op.text()) {
            case ":" -> pattern(field, value.text(), value.is(ElasticTokenKind.STRING), List.of());
            case "<" -> leaf(field, Kind.LT, value.text(), List.of());
            case "<=" -> leaf(field, Kind.LTE, value.text(), List.of());
            case ">" -> leaf(field, Kind.GT, value.text(), List.of());
            case ">=" -> leaf(field, Kind.GTE, value.text(), List.of());
            default -> skip(start, "operator '" + op.text() + "' is not analysed");
        };
    }

    /**
     * The values of {@code field : ( ... )}: the same boolean grammar, over values of the one field.
     *
     * values := value ( "or" value | "and" value )* ;  value := "not" value | "(" values ")" | STRING | WORD | "/" regex "/"
     */
    private BooleanGrammar<ElasticTokenKind> values(String field) {
        return new BooleanGrammar<>(OPERATORS, cursor -> value(field), t -> false)
                .recovering(cursor -> skip(cursor.mark(), Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH)));
    }

    private Expr value(String field) {
        if (!(c.at(ElasticTokenKind.WORD) || c.at(ElasticTokenKind.STRING))) {
            return skip(c.mark(), "a value list with '" + c.peek().text() + "'");
        }
        Token<ElasticTokenKind> t = c.next();
        if (dialect == ElasticLanguage.KUERY && t.is(ElasticTokenKind.WORD)) {
            // An unquoted KQL value may hold spaces: (* curl*) is the one value "* curl*".
            StringBuilder joined = new StringBuilder(t.text());
            while (c.at(ElasticTokenKind.WORD) && !c.at(ElasticTokenKind.WORD, "or") && !c.at(ElasticTokenKind.WORD, "and")
                    && !c.at(ElasticTokenKind.WORD, "not")) {
                joined.append(' ').append(c.next().text());
            }
            return pattern(field, joined.toString(), false, List.of());
        }
        return pattern(field, t.text(), t.is(ElasticTokenKind.STRING), List.of());
    }

    /**
     * A KQL or Lucene value: quoted is exact, unquoted may hold wildcards; {@code *} alone means the field exists, an
     * address with a prefix length ({@code 10.0.0.0/8}) is a range, as Elasticsearch reads it on an IP field, and in
     * Lucene {@code /.../} is a regular expression.
     */
    private Expr pattern(String field, String value, boolean quoted, List<String> modifiers) {
        if (quoted) {
            return leaf(field, Kind.EQ, value, modifiers);
        }
        if (dialect == ElasticLanguage.LUCENE && value.length() > 2 && value.startsWith("/") && value.endsWith("/")) {
            return leaf(field, Kind.RE, value.substring(1, value.length() - 1), List.of("anchored"));
        }
        if (CIDR.matcher(value).matches()) {
            return leaf(field, Kind.CIDR, value, modifiers);
        }
        if (value.contains("?")) {
            return leaf(field, Kind.WILDCARD, value, modifiers);
        }
        Kind.Match m = Kind.fromPattern(value);
        return leaf(field, m.kind(), m.value(), modifiers);
    }

    private List<String> folded(List<String> modifiers) {
        return caseFolded && modifiers.contains("cased") ? modifiers.stream().filter(m -> !m.equals("cased")).toList() : modifiers;
    }

    private Expr patterns(String field, List<String> values, List<String> written, boolean negated) {
        List<String> modifiers = folded(written);
        List<Expr> leaves = values.stream().map(v -> pattern(field, v, false, modifiers)).toList();
        Expr e = leaves.size() == 1 ? leaves.get(0) : new Expr.Or(leaves);
        return negated ? new Expr.Not(e) : e;
    }

    private Expr anyOf(String field, Kind kind, List<String> values, List<String> written, boolean negated) {
        List<String> modifiers = folded(written);
        List<Expr> leaves = values.stream().map(v -> leaf(field, kind, v, modifiers)).toList();
        Expr e = leaves.size() == 1 ? leaves.get(0) : new Expr.Or(leaves);
        return negated ? new Expr.Not(e) : e;
    }

    /** A field name: {@code process.name}, EQL's optional {@code ?field}, or one inside {@code to_lower()}. */
    private String field() {
        caseFolded = false;
        if (c.atEnd()) {
            return null;
        }
        Token<ElasticTokenKind> t = c.peek();
        if (t.is(ElasticTokenKind.WORD) && TRANSPARENT.contains(t.lower()) && c.peek(1).is(ElasticTokenKind.LPAREN)) {
            int save = c.mark();
            skipTokens(2);
            String inner = field();
            if (inner != null && c.accept(ElasticTokenKind.RPAREN)) {
                caseFolded = !t.lower().equals("to_string");
                return inner;
            }
            c.reset(save);
            return null;
        }
        if (!t.is(ElasticTokenKind.WORD) || c.peek(1).is(ElasticTokenKind.LPAREN) || isKeyword(t)
                || !Character.isLetter(firstNameChar(t.text())) && firstNameChar(t.text()) != '@' && firstNameChar(t.text()) != '_') {
            return null;
        }
        c.next();
        String name = t.text().startsWith("?") ? t.text().substring(1) : t.text();
        return name.startsWith("`") && name.endsWith("`") && name.length() > 1 ? name.substring(1, name.length() - 1) : name;
    }

    private static char firstNameChar(String text) {
        String t = text.startsWith("?") || text.startsWith("`") ? text.substring(1) : text;
        return t.isEmpty() ? ' ' : t.charAt(0);
    }

    private static boolean isKeyword(Token<ElasticTokenKind> t) {
        return t.is(ElasticTokenKind.WORD, "and") || t.is(ElasticTokenKind.WORD, "or") || t.is(ElasticTokenKind.WORD, "not")
                || t.is(ElasticTokenKind.WORD, "in") || t.is(ElasticTokenKind.WORD, "null") || t.is(ElasticTokenKind.WORD, "true")
                || t.is(ElasticTokenKind.WORD, "false");
    }

    private boolean literal(List<String> values) {
        Token<ElasticTokenKind> t = c.peek();
        if (t.is(ElasticTokenKind.STRING) || t.is(ElasticTokenKind.WORD) && (isNumber(t.text()) || t.is(ElasticTokenKind.WORD, "true")
                || t.is(ElasticTokenKind.WORD, "false"))) {
            values.add(c.next().text());
            return true;
        }
        if (t.is(ElasticTokenKind.OPERATOR, "-") || t.is(ElasticTokenKind.WORD) && t.text().startsWith("-") && isNumber(t.text().substring(1))) {
            values.add(c.next().text());
            return true;
        }
        return false;
    }

    private static final java.util.regex.Pattern CIDR = java.util.regex.Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*)/\\d{1,3}");

    /**
     * An ES|QL LIKE pattern as a glob: LIKE's own backslash escapes undone ({@code \\\\} is one backslash). An
     * escaped wildcard becomes a wildcard, which the glob cannot tell from the character.
     */
    private static String likeText(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            out.append(c == '\\' && i + 1 < pattern.length() ? pattern.charAt(++i) : c);
        }
        return out.toString();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.') && Character.isDigit(s.charAt(0));
    }

    /** {@code ( literal ( "," literal )* )}. */
    private boolean list(List<String> values) {
        if (!c.at(ElasticTokenKind.LPAREN)) {
            return literal(values);
        }
        int close = c.closing(OPENS, CLOSES);
        c.next();
        while (c.mark() < close) {
            if (!c.accept(ElasticTokenKind.COMMA) && !literal(values)) {
                c.reset(close + 1);
                return false;
            }
        }
        c.reset(close + 1);
        return !values.isEmpty();
    }

    private boolean atBoundary() {
        return c.atEnd() || c.at(ElasticTokenKind.WORD, "and") || c.at(ElasticTokenKind.WORD, "or") || c.at(ElasticTokenKind.RPAREN);
    }

    /** Keeps what cannot be read, from {@code start} to the next boundary at this nesting level, as not analysed. */
    private Expr skip(int start, String reason) {
        c.skipOperand(start, t -> t.is(ElasticTokenKind.WORD, "and") || t.is(ElasticTokenKind.WORD, "or"), OPENS, CLOSES);
        return new Expr.Opaque(c.textSince(start), reason);
    }

    private void skipTokens(int n) {
        for (int i = 0; i < n; i++) {
            c.next();
        }
    }

    private static Expr leaf(String field, Kind kind, String value, List<String> modifiers) {
        return new Expr.Leaf(new Predicate(field, null, kind, value, modifiers, null));
    }
}
