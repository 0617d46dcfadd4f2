package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.FieldName;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Token;

/**
 * Recursive-descent parser for SPL search expressions: the implicit first stage, {@code search} stages and the
 * {@code where} clause of {@code tstats}. It is tolerant by design: what it cannot read becomes an
 * {@link Expr.Opaque} with the reason, and parsing goes on after it.
 */
final class SearchParser {

    /** Time-range modifiers select a window, not events; they are not indicators. */
    private static final Set<String> TIME_MODIFIERS = Set.of("earliest", "latest", "_index_earliest", "_index_latest",
            "starttime", "endtime", "timeformat");

    private final String source;
    private final List<Token<SplTokenKind>> tokens;
    private final SplContext context;
    private final String viaMacro;
    private int pos;
    private int depth;

    /** Deeper parentheses than this are not taken apart; real searches nest a handful of levels. */

    SearchParser(String source, List<Token<SplTokenKind>> tokens, SplContext context, String viaMacro) {
        this.source = source;
        this.tokens = tokens;
        this.context = context;
        this.viaMacro = viaMacro;
    }

    /** Parses all tokens; returns null when there is nothing to match on (an empty stage). */
    Expr parse() {
        if (tokens.isEmpty()) {
            return null;
        }
        List<Expr> parts = new ArrayList<>();
        while (pos < tokens.size()) {
            int before = pos;
            Expr e = conjunction();
            if (e != null) {
                parts.add(e);
            }
            if (pos == before) {
                // A stray closing parenthesis or similar: keep it visible and move on.
                Token<SplTokenKind> t = tokens.get(pos++);
                parts.add(new Expr.Opaque(t.text(), "unexpected '" + t.text() + "' at position " + t.start()));
            }
        }
        return parts.isEmpty() ? null : and(parts);
    }

    // Precedence as Splunk's Search Manual gives it for search: parentheses, then NOT, then OR, then AND. So
    // `a OR b c` is `(a OR b) AND c`, and `macro x=1 OR x=2` keeps the macro over both alternatives.

    // conjunction := disjunction ( ["AND"] disjunction )*   (juxtaposition is AND)
    private Expr conjunction() {
        List<Expr> parts = new ArrayList<>();
        while (pos < tokens.size() && !peek(SplTokenKind.RPAREN)) {
            if (peekWord("AND") || peekWord("OR")) {
                // AND between terms, or an OR with nothing before it: nothing to build.
                pos++;
                continue;
            }
            int before = pos;
            Expr e = disjunction();
            if (e != null) {
                parts.add(e);
            }
            if (pos == before) {
                break;
            }
        }
        return parts.isEmpty() ? null : and(parts);
    }

    // disjunction := notExpr ( "OR" notExpr )*
    private Expr disjunction() {
        List<Expr> parts = new ArrayList<>();
        Expr first = notExpr();
        if (first != null) {
            parts.add(first);
        }
        while (peekWord("OR")) {
            pos++;
            Expr next = notExpr();
            if (next != null) {
                parts.add(next);
            }
        }
        return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    // notExpr := "NOT" notExpr | primary
    private Expr notExpr() {
        if (peekWord("NOT")) {
            pos++;
            if (++depth > Limits.MAX_DEPTH) {
                depth--;
                return new Expr.Opaque("NOT", Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH));
            }
            Expr inner = notExpr();
            depth--;
            return inner == null ? null : new Expr.Not(inner);
        }
        return primary();
    }

    // primary := "(" conjunction ")" | ("TERM"|"CASE") "(" ... ")" | macro | comparison | field "IN" "(" values ")" | term
    private Expr primary() {
        if (pos >= tokens.size()) {
            return null;
        }
        Token<SplTokenKind> t = tokens.get(pos);
        if (t.is(SplTokenKind.LPAREN)) {
            if (depth >= Limits.MAX_DEPTH) {
                return skipNested(t);
            }
            pos++;
            depth++;
            Expr inner = conjunction();
            depth--;
            if (peek(SplTokenKind.RPAREN)) {
                pos++;
            }
            return inner;
        }
        if (t.is(SplTokenKind.MACRO)) {
            pos++;
            return context.expandInline(MacroCall.parse(t.text()), t.text());
        }
        if ((t.is(SplTokenKind.WORD, "TERM") || t.is(SplTokenKind.WORD, "CASE")) && peekAt(pos + 1, SplTokenKind.LPAREN)) {
            return termOrCase();
        }
        if (t.is(SplTokenKind.LBRACKET)) {
            return subsearch();
        }
        if (isFieldToken(t) && peekAt(pos + 1, SplTokenKind.COMPARE)) {
            return comparison();
        }
        if (isFieldToken(t) && pos + 2 < tokens.size() && tokens.get(pos + 1).is(SplTokenKind.WORD, "IN") && peekAt(pos + 2, SplTokenKind.LPAREN)) {
            return inList();
        }
        if (t.is(SplTokenKind.UNTERMINATED)) {
            pos++;
            return new Expr.Opaque(t.text(), "unterminated quote or macro at position " + t.start());
        }
        if (t.is(SplTokenKind.WORD) || t.is(SplTokenKind.STRING)) {
            pos++;
            return new Expr.Term(t.text(), viaMacro);
        }
        pos++;
        return new Expr.Opaque(t.text(), "unexpected '" + t.text() + "' at position " + t.start());
    }

    /** Steps over a group nested too deeply, keeping it visible as not analysed. */
    private Expr skipNested(Token<SplTokenKind> open) {
        int level = 0;
        int end = open.end();
        while (pos < tokens.size()) {
            Token<SplTokenKind> t = tokens.get(pos++);
            end = t.end();
            if (t.is(SplTokenKind.LPAREN)) {
                level++;
            } else if (t.is(SplTokenKind.RPAREN) && --level == 0) {
                break;
            }
        }
        return new Expr.Opaque(source.substring(open.start(), Math.min(end, source.length())),
                Diagnostic.NESTS_TOO_DEEP.format(Limits.MAX_DEPTH));
    }

    private static boolean isFieldToken(Token<SplTokenKind> t) {
        return t.is(SplTokenKind.WORD) || t.is(SplTokenKind.STRING) || t.is(SplTokenKind.QUOTED_FIELD);
    }

    // comparison := field COMPARE value
    private Expr comparison() {
        Token<SplTokenKind> field = tokens.get(pos++);
        Token<SplTokenKind> op = tokens.get(pos++);
        if (pos >= tokens.size() || !(peek(SplTokenKind.WORD) || peek(SplTokenKind.STRING))) {
            return new Expr.Opaque(source.substring(field.start(), op.end()), "comparison without a value");
        }
        Token<SplTokenKind> value = tokens.get(pos++);
        if (TIME_MODIFIERS.contains(field.text().toLowerCase(Locale.ROOT))) {
            return null;
        }
        return leaf(field.text(), op.text(), value.text(), List.of());
    }

    // inList := field "IN" "(" (value | macro) ( [","] (value | macro) )* ")"
    private Expr inList() {
        Token<SplTokenKind> field = tokens.get(pos);
        pos += 3;
        List<Expr> values = new ArrayList<>();
        while (pos < tokens.size() && !peek(SplTokenKind.RPAREN)) {
            Token<SplTokenKind> v = tokens.get(pos++);
            if (v.is(SplTokenKind.WORD) || v.is(SplTokenKind.STRING)) {
                values.add(leaf(field.text(), "=", v.text(), List.of()));
            } else if (v.is(SplTokenKind.MACRO)) {
                values.addAll(macroValues(field.text(), v.text()));
            }
        }
        pos++;
        return values.isEmpty() ? null : values.size() == 1 ? values.get(0) : new Expr.Or(List.copyOf(values));
    }

    /**
     * A macro inside an IN list stands for a list of values ({@code uacbypass_process_name} is 36 file names): each
     * becomes a predicate that names the macro. A macro no source defines keeps the predicate, the macro as its value,
     * so the rule never reads broader than it is.
     */
    private List<Expr> macroValues(String field, String written) {
        MacroCall call = MacroCall.parse(written);
        java.util.Optional<String> expansion = context.expansion(call);
        FieldName name = FieldName.of(field);
        if (expansion.isEmpty()) {
            return List.of(new Expr.Leaf(new Predicate(name.name(), name.dataModel(), Kind.EQ, "`" + written + "`", List.of(), call.name())));
        }
        List<Expr> out = new ArrayList<>();
        for (String part : expansion.get().split(",")) {
            String value = part.strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!value.isEmpty()) {
                Kind.Match match = Kind.fromPattern(value);
                out.add(new Expr.Leaf(new Predicate(name.name(), name.dataModel(), match.kind(), match.value(), List.of(), call.name())));
            }
        }
        return out;
    }

    // termOrCase := ("TERM"|"CASE") "(" (field "=" value | text) ")"
    private Expr termOrCase() {
        String fn = tokens.get(pos).text().toLowerCase(Locale.ROOT);
        int open = pos + 1;
        int close = open + 1;
        while (close < tokens.size() && !tokens.get(close).is(SplTokenKind.RPAREN)) {
            close++;
        }
        List<Token<SplTokenKind>> inner = tokens.subList(open + 1, Math.min(close, tokens.size()));
        pos = Math.min(close + 1, tokens.size());
        if (inner.size() == 3 && isFieldToken(inner.get(0)) && inner.get(1).is(SplTokenKind.COMPARE)) {
            return leaf(inner.get(0).text(), inner.get(1).text(), inner.get(2).text(), List.of(fn));
        }
        if (inner.isEmpty()) {
            return null;
        }
        String text = source.substring(inner.get(0).start(), inner.get(inner.size() - 1).end());
        return new Expr.Term(text.replace("\"", ""), viaMacro);
    }

    // subsearch := "[" ... "]"   (its results become a filter; shown, not analysed here)
    private Expr subsearch() {
        int start = tokens.get(pos).start();
        int depth = 0;
        int end = start;
        while (pos < tokens.size()) {
            Token<SplTokenKind> t = tokens.get(pos++);
            if (t.is(SplTokenKind.LBRACKET)) {
                depth++;
            } else if (t.is(SplTokenKind.RBRACKET) && --depth == 0) {
                end = t.end();
                break;
            }
            end = t.end();
        }
        return new Expr.Opaque(source.substring(start, end), "subsearch: its results filter this stage at run time");
    }

    private Expr leaf(String rawField, String op, String rawValue, List<String> modifiers) {
        FieldName field = FieldName.of(rawField);
        Expr e;
        switch (op) {
            case "<" -> e = new Expr.Leaf(predicate(field, Kind.LT, rawValue, modifiers));
            case "<=" -> e = new Expr.Leaf(predicate(field, Kind.LTE, rawValue, modifiers));
            case ">" -> e = new Expr.Leaf(predicate(field, Kind.GT, rawValue, modifiers));
            case ">=" -> e = new Expr.Leaf(predicate(field, Kind.GTE, rawValue, modifiers));
            default -> {
                Kind.Match match = Kind.fromPattern(rawValue);
                Expr positive = new Expr.Leaf(predicate(field, match.kind(), match.value(), modifiers));
                e = op.equals("!=") ? new Expr.Not(positive) : positive;
            }
        }
        return e;
    }

    private Predicate predicate(FieldName field, Kind kind, String value, List<String> modifiers) {
        return new Predicate(field.name(), field.dataModel(), kind, value, modifiers, viaMacro);
    }

    private static Expr and(List<Expr> parts) {
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    private boolean peek(SplTokenKind kind) {
        return peekAt(pos, kind);
    }

    private boolean peekAt(int i, SplTokenKind kind) {
        return i < tokens.size() && tokens.get(i).is(kind);
    }

    private boolean peekWord(String word) {
        return pos < tokens.size() && tokens.get(pos).kind() == SplTokenKind.WORD && tokens.get(pos).text().equals(word);
    }
}
