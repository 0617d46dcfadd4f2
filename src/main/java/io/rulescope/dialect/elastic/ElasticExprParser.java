package io.rulescope.dialect.elastic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Operands;
import io.rulescope.query.parse.Token;

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

    private final ElasticLanguage dialect;
    private final String query;
    private final List<Token<ElasticTokenKind>> tokens;
    private int pos;
    private int depth;

    ElasticExprParser(ElasticLanguage dialect, String query, List<Token<ElasticTokenKind>> tokens) {
        this.dialect = dialect;
        this.query = query;
        this.tokens = tokens;
    }

    Expr parse() {
        if (tokens.isEmpty()) {
            return null;
        }
        Expr e = or();
        if (pos < tokens.size()) {
            Token<ElasticTokenKind> rest = tokens.get(pos);
            Expr tail = new Expr.Opaque(text(pos, tokens.size()), "unexpected '" + rest.text() + "' at position " + rest.start());
            return new Expr.And(List.of(e, tail));
        }
        return e;
    }

    // or := and ( "or" and )*
    private Expr or() {
        List<Expr> parts = new ArrayList<>();
        parts.add(and());
        while (peekWord("or")) {
            pos++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    // and := unary ( "and" unary )*     (KQL and Lucene: juxtaposition is "and" too)
    private Expr and() {
        List<Expr> parts = new ArrayList<>();
        parts.add(unary());
        while (peekWord("and") || dialect.bareValues() && pos < tokens.size() && startsCondition(tokens.get(pos))) {
            if (peekWord("and")) {
                pos++;
            }
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    private static boolean startsCondition(Token<ElasticTokenKind> t) {
        return t.is(ElasticTokenKind.LPAREN) || t.is(ElasticTokenKind.STRING)
                || t.is(ElasticTokenKind.WORD) && !t.is(ElasticTokenKind.WORD, "or") && !t.is(ElasticTokenKind.WORD, "and");
    }

    // unary := ("not" | "!") unary | "(" or ")" | condition
    private Expr unary() {
        if (depth >= Limits.MAX_DEPTH) {
            return skip(pos, Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH));
        }
        if (peekWord("not") || pos < tokens.size() && tokens.get(pos).is(ElasticTokenKind.OPERATOR, "!")) {
            pos++;
            depth++;
            Expr inner = unary();
            depth--;
            return new Expr.Not(inner);
        }
        if (peek(0, ElasticTokenKind.LPAREN)) {
            pos++;
            depth++;
            Expr inner = or();
            depth--;
            if (peek(0, ElasticTokenKind.RPAREN)) {
                pos++;
            }
            return inner;
        }
        return dialect.bareValues() ? kqlCondition() : condition();
    }

    // condition := function "(" field "," literal ( "," literal )* ")" | field operator value | field "is" ["not"] "null"
    private Expr condition() {
        int start = pos;
        if (pos >= tokens.size()) {
            return new Expr.Opaque("", "a condition is missing at the end");
        }
        Token<ElasticTokenKind> head = tokens.get(pos);
        String fn = head.lower().replace("~", "");
        if (dialect == ElasticLanguage.ESQL && fn.equals("kql") && peek(1, ElasticTokenKind.LPAREN) && peek(2, ElasticTokenKind.STRING)
                && peek(3, ElasticTokenKind.RPAREN)) {
            // ES|QL's KQL() function holds a whole KQL query: read it as one.
            String inner = tokens.get(pos + 2).text();
            pos += 4;
            Expr kql = new ElasticExprParser(ElasticLanguage.KUERY, inner, ElasticTokenizer.tokenize(inner, ElasticLanguage.KUERY)).parse();
            return kql == null ? new Expr.All() : kql;
        }
        if (head.is(ElasticTokenKind.WORD) && TEST_FUNCTIONS.containsKey(fn) && peek(1, ElasticTokenKind.LPAREN)) {
            pos += 2;
            String field = field();
            List<String> values = new ArrayList<>();
            while (field != null && peek(0, ElasticTokenKind.COMMA)) {
                pos++;
                if (!literal(values)) {
                    return skip(start, "'" + head.text() + "' with a value that is not a literal");
                }
            }
            if (field == null || !peek(0, ElasticTokenKind.RPAREN) || values.isEmpty()) {
                return skip(start, "'" + head.text() + "' of an expression, not of a field");
            }
            pos++;
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
        Token<ElasticTokenKind> op = tokens.get(pos);
        pos++;
        if (op.is(ElasticTokenKind.WORD, "is")) {
            boolean not = peekWord("not");
            if (not) {
                pos++;
            }
            if (peekWord("null")) {
                pos++;
                return leaf(field, not ? Kind.EXISTS : Kind.NULL, null, List.of());
            }
            return skip(start, "'is' without 'null'");
        }
        // ES|QL and EQL negate an operator by writing not before it: not in, not like, not rlike
        boolean negated = op.is(ElasticTokenKind.WORD, "not") && pos < tokens.size() && tokens.get(pos).is(ElasticTokenKind.WORD);
        String o = negated ? tokens.get(pos++).lower() : op.lower();
        List<String> values = new ArrayList<>();
        if (o.equals("in") || o.equals("in~") || o.equals(":") && peek(0, ElasticTokenKind.LPAREN)
                || (o.equals("like") || o.equals("like~") || o.equals("regex") || o.equals("regex~") || o.equals("rlike")) && peek(0, ElasticTokenKind.LPAREN)) {
            if (!list(values)) {
                return skip(start, "a list with a value that is not a literal");
            }
        } else if (peekWord("null")) {
            pos++;
            return switch (o) {
                case "==", ":" -> leaf(field, Kind.NULL, null, List.of());
                case "!=" -> leaf(field, Kind.EXISTS, null, List.of());
                default -> skip(start, "'" + op.text() + " null'");
            };
        } else if (!literal(values)) {
            int at = pos;
            String other = field();
            if (other != null && atBoundary() && (o.equals("==") || o.equals("!="))) {
                Expr ref = leaf(field, Kind.FIELDREF, other, List.of());
                return o.equals("!=") ? new Expr.Not(ref) : ref;
            }
            pos = at;
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
            case "like" -> patterns(field, values, List.of("cased"), false);
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

    // kql := field ":" value | field ":" "(" value ( ("or" | "and") value )* ")" | field ( "<" | "<=" | ">" | ">=" ) value | value
    private Expr kqlCondition() {
        int start = pos;
        if (pos >= tokens.size()) {
            return new Expr.Opaque("", "a condition is missing at the end");
        }
        Token<ElasticTokenKind> head = tokens.get(pos);
        boolean fieldFollows = pos + 1 < tokens.size() && tokens.get(pos + 1).is(ElasticTokenKind.OPERATOR);
        if (!fieldFollows) {
            pos++;
            if (head.is(ElasticTokenKind.STRING) || head.is(ElasticTokenKind.WORD)) {
                return new Expr.Term(head.text(), null);
            }
            return skip(start, "unexpected '" + head.text() + "'");
        }
        String field = head.text();
        Token<ElasticTokenKind> op = tokens.get(pos + 1);
        pos += 2;
        if (field.equals("_exists_") && op.is(ElasticTokenKind.OPERATOR, ":") && peek(0, ElasticTokenKind.WORD)) {
            return leaf(tokens.get(pos++).text(), Kind.EXISTS, null, List.of());
        }
        if (op.is(ElasticTokenKind.OPERATOR, ":") && peek(0, ElasticTokenKind.LPAREN)) {
            pos++;
            depth++;
            Expr values = valueOr(field);
            depth--;
            if (peek(0, ElasticTokenKind.RPAREN)) {
                pos++;
            }
            return values;
        }
        if (pos >= tokens.size() || !(tokens.get(pos).is(ElasticTokenKind.WORD) || tokens.get(pos).is(ElasticTokenKind.STRING))) {
            return skip(start, "no value after '" + field + op.text() + "'");
        }
        Token<ElasticTokenKind> value = tokens.get(pos++);
        return switch (op.text()) {
            case ":" -> pattern(field, value.text(), value.is(ElasticTokenKind.STRING), List.of());
            case "<" -> leaf(field, Kind.LT, value.text(), List.of());
            case "<=" -> leaf(field, Kind.LTE, value.text(), List.of());
            case ">" -> leaf(field, Kind.GT, value.text(), List.of());
            case ">=" -> leaf(field, Kind.GTE, value.text(), List.of());
            default -> skip(start, "operator '" + op.text() + "' is not analysed");
        };
    }

    // valueOr := valueAnd ( "or" valueAnd )*      inside field : ( ... )
    private Expr valueOr(String field) {
        List<Expr> parts = new ArrayList<>();
        parts.add(valueAnd(field));
        while (peekWord("or")) {
            pos++;
            parts.add(valueAnd(field));
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    // valueAnd := value ( "and" value )*
    private Expr valueAnd(String field) {
        List<Expr> parts = new ArrayList<>();
        parts.add(value(field));
        while (peekWord("and")) {
            pos++;
            parts.add(value(field));
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    // value := "not" value | "(" valueOr ")" | STRING | WORD | "/" regex "/"
    private Expr value(String field) {
        if (depth >= Limits.MAX_DEPTH) {
            return skip(pos, Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH));
        }
        if (peekWord("not")) {
            pos++;
            return new Expr.Not(value(field));
        }
        if (peek(0, ElasticTokenKind.LPAREN)) {
            pos++;
            depth++;
            Expr inner = valueOr(field);
            depth--;
            if (peek(0, ElasticTokenKind.RPAREN)) {
                pos++;
            }
            return inner;
        }
        if (pos >= tokens.size() || !(peek(0, ElasticTokenKind.WORD) || peek(0, ElasticTokenKind.STRING))) {
            return skip(pos, "a value list with '" + (pos < tokens.size() ? tokens.get(pos).text() : "") + "'");
        }
        Token<ElasticTokenKind> t = tokens.get(pos++);
        if (dialect == ElasticLanguage.KUERY && t.is(ElasticTokenKind.WORD)) {
            // An unquoted KQL value may hold spaces: (* curl*) is the one value "* curl*".
            StringBuilder joined = new StringBuilder(t.text());
            while (peek(0, ElasticTokenKind.WORD) && !peekWord("or") && !peekWord("and") && !peekWord("not")) {
                joined.append(' ').append(tokens.get(pos++).text());
            }
            return pattern(field, joined.toString(), false, List.of());
        }
        if (dialect == ElasticLanguage.LUCENE && t.is(ElasticTokenKind.WORD) && t.text().length() > 2 && t.text().startsWith("/") && t.text().endsWith("/")) {
            return leaf(field, Kind.RE, t.text().substring(1, t.text().length() - 1), List.of("anchored"));
        }
        return pattern(field, t.text(), t.is(ElasticTokenKind.STRING), List.of());
    }

    /** A KQL value: quoted is exact, unquoted may hold wildcards; {@code *} alone means the field exists. */
    private Expr pattern(String field, String value, boolean quoted, List<String> modifiers) {
        if (quoted) {
            return leaf(field, Kind.EQ, value, modifiers);
        }
        if (value.contains("?")) {
            return leaf(field, Kind.WILDCARD, value, modifiers);
        }
        Kind.Match m = Kind.fromPattern(value);
        return leaf(field, m.kind(), m.value(), modifiers);
    }

    private Expr patterns(String field, List<String> values, List<String> modifiers, boolean negated) {
        List<Expr> leaves = values.stream().map(v -> pattern(field, v, false, modifiers)).toList();
        Expr e = leaves.size() == 1 ? leaves.get(0) : new Expr.Or(leaves);
        return negated ? new Expr.Not(e) : e;
    }

    private Expr anyOf(String field, Kind kind, List<String> values, List<String> modifiers, boolean negated) {
        List<Expr> leaves = values.stream().map(v -> leaf(field, kind, v, modifiers)).toList();
        Expr e = leaves.size() == 1 ? leaves.get(0) : new Expr.Or(leaves);
        return negated ? new Expr.Not(e) : e;
    }

    /** A field name: {@code process.name}, EQL's optional {@code ?field}, or one inside {@code to_lower()}. */
    private String field() {
        if (pos >= tokens.size()) {
            return null;
        }
        Token<ElasticTokenKind> t = tokens.get(pos);
        if (t.is(ElasticTokenKind.WORD) && TRANSPARENT.contains(t.lower()) && peek(1, ElasticTokenKind.LPAREN)) {
            int save = pos;
            pos += 2;
            String inner = field();
            if (inner != null && peek(0, ElasticTokenKind.RPAREN)) {
                pos++;
                return inner;
            }
            pos = save;
            return null;
        }
        if (!t.is(ElasticTokenKind.WORD) || peek(1, ElasticTokenKind.LPAREN) || isKeyword(t) || !Character.isLetter(firstNameChar(t.text()))
                && firstNameChar(t.text()) != '@' && firstNameChar(t.text()) != '_') {
            return null;
        }
        pos++;
        String name = t.text().startsWith("?") ? t.text().substring(1) : t.text();
        return name.startsWith("`") && name.endsWith("`") && name.length() > 1 ? name.substring(1, name.length() - 1) : name;
    }

    private static char firstNameChar(String text) {
        String t = text.startsWith("?") || text.startsWith("`") ? text.substring(1) : text;
        return t.isEmpty() ? ' ' : t.charAt(0);
    }

    private static boolean isKeyword(Token<ElasticTokenKind> t) {
        return t.is(ElasticTokenKind.WORD, "and") || t.is(ElasticTokenKind.WORD, "or") || t.is(ElasticTokenKind.WORD, "not") || t.is(ElasticTokenKind.WORD, "in") || t.is(ElasticTokenKind.WORD, "null") || t.is(ElasticTokenKind.WORD, "true") || t.is(ElasticTokenKind.WORD, "false");
    }

    private boolean literal(List<String> values) {
        if (pos >= tokens.size()) {
            return false;
        }
        Token<ElasticTokenKind> t = tokens.get(pos);
        if (t.is(ElasticTokenKind.STRING) || t.is(ElasticTokenKind.WORD) && (isNumber(t.text()) || t.is(ElasticTokenKind.WORD, "true") || t.is(ElasticTokenKind.WORD, "false"))) {
            values.add(t.text());
            pos++;
            return true;
        }
        if (t.is(ElasticTokenKind.OPERATOR, "-") || t.is(ElasticTokenKind.WORD) && t.text().startsWith("-") && isNumber(t.text().substring(1))) {
            values.add(t.text());
            pos++;
            return true;
        }
        return false;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.isDigit(c) || c == '.') && Character.isDigit(s.charAt(0));
    }

    /** {@code ( literal ( "," literal )* )}. */
    private boolean list(List<String> values) {
        if (!peek(0, ElasticTokenKind.LPAREN)) {
            return literal(values);
        }
        int close = ElasticTokenizer.closing(tokens, pos);
        pos++;
        while (pos < close) {
            if (peek(0, ElasticTokenKind.COMMA)) {
                pos++;
            } else if (!literal(values)) {
                pos = close + 1;
                return false;
            }
        }
        pos = close + 1;
        return !values.isEmpty();
    }

    private boolean atBoundary() {
        return pos >= tokens.size() || peekWord("and") || peekWord("or") || peek(0, ElasticTokenKind.RPAREN);
    }

    private Expr skip(int start, String reason) {
        int i = Operands.end(tokens, start, t -> t.is(ElasticTokenKind.WORD, "and") || t.is(ElasticTokenKind.WORD, "or"),
                java.util.EnumSet.of(ElasticTokenKind.LPAREN, ElasticTokenKind.LBRACKET),
                java.util.EnumSet.of(ElasticTokenKind.RPAREN, ElasticTokenKind.RBRACKET));
        pos = Math.max(i, start + 1);
        return new Expr.Opaque(text(start, Math.min(pos, tokens.size())), reason);
    }

    private String text(int from, int to) {
        if (from >= to || from >= tokens.size()) {
            return "";
        }
        return query.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    private boolean peek(int ahead, ElasticTokenKind kind) {
        return pos + ahead < tokens.size() && tokens.get(pos + ahead).is(kind);
    }

    private boolean peekWord(String word) {
        return pos < tokens.size() && tokens.get(pos).is(ElasticTokenKind.WORD, word);
    }

    private static Expr leaf(String field, Kind kind, String value, List<String> modifiers) {
        return new Expr.Leaf(new Predicate(field, null, kind, value, modifiers, null));
    }
}
