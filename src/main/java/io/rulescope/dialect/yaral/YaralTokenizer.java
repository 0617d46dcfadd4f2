package io.rulescope.dialect.yaral;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Token;

/**
 * Cuts the text of a YARA-L section into tokens. Line ends matter at the top level, where each line is one
 * statement, and are dropped inside parentheses and beside {@code and}, {@code or} and {@code not}, where a statement
 * goes on over several lines. Comments are dropped.
 */
final class YaralTokenizer {

    enum Kind {
        /** An event's field: {@code $e.principal.ip[0]}, {@code $e.labels["App Id"]}. */
        FIELD,
        /** A placeholder or an event variable on its own: {@code $user}, {@code $e}. */
        VARIABLE,
        /** How many events a variable matched: {@code #e}. */
        COUNT,
        STRING, REGEX, NUMBER,
        /** Keywords and function names, dots included: {@code and}, {@code nocase}, {@code re.regex}. */
        WORD,
        /** A reference list: {@code %allowed_accounts}. */
        LIST,
        OPERATOR, ARITHMETIC, LPAREN, RPAREN, COMMA, NEWLINE, OTHER, END
    }

    /** Words after which a '/' opens a regular expression rather than dividing. */
    private static final Set<String> BEFORE_OPERAND = Set.of("and", "or", "not", "in", "regex", "nocase");

    private final String text;
    private final List<Token<Kind>> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    private YaralTokenizer(String text) {
        this.text = text;
    }

    /**
     * @throws io.rulescope.query.QueryTooLargeException if the section is over the length cap
     * @throws QueryParseException with {@link Diagnostic#UNTERMINATED} for a string or regular expression left open
     */
    static List<Token<Kind>> tokenize(String section) {
        Limits.requireLength(section);
        YaralTokenizer t = new YaralTokenizer(section);
        t.scan();
        return t.joinContinuedLines();
    }

    private void scan() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            int start = pos;
            if (c == '\n') {
                pos++;
                if (depth == 0) {
                    add(Kind.NEWLINE, start);
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && next() == '/') {
                int nl = text.indexOf('\n', pos);
                pos = nl < 0 ? text.length() : nl;
            } else if (c == '/' && next() == '*') {
                int close = text.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw new QueryParseException(Diagnostic.UNTERMINATED, start, "a '/*' comment", start);
                }
                pos = close + 2;
            } else if (c == '$' || c == '#' || c == '%') {
                pos++;
                name();
                if (c == '$' && pos < text.length() && text.charAt(pos) == '.') {
                    path();
                    add(Kind.FIELD, start);
                } else {
                    add(c == '$' ? Kind.VARIABLE : c == '#' ? Kind.COUNT : Kind.LIST, start);
                }
            } else if (c == '"' || c == '`') {
                quoted(c);
                add(Kind.STRING, start);
            } else if (c == '/' && operandExpected()) {
                regex();
                add(Kind.REGEX, start);
            } else if (Character.isDigit(c) || (c == '-' && operandExpected() && Character.isDigit(next()))) {
                pos++;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                    pos++;
                }
                add(Kind.NUMBER, start);
            } else if (Character.isLetter(c) || c == '_') {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                        || text.charAt(pos) == '.')) {
                    pos++;
                }
                add(Kind.WORD, start);
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                pos += next() == '=' ? 2 : 1;
                add(c == '!' && pos == start + 1 ? Kind.OTHER : Kind.OPERATOR, start);
            } else if (c == '+' || c == '-' || c == '*' || c == '/') {
                pos++;
                add(Kind.ARITHMETIC, start);
            } else if (c == '(' || c == ')') {
                pos++;
                depth = Math.max(0, depth + (c == '(' ? 1 : -1));
                add(c == '(' ? Kind.LPAREN : Kind.RPAREN, start);
            } else if (c == ',') {
                pos++;
                add(Kind.COMMA, start);
            } else {
                pos++;
                add(Kind.OTHER, start);
            }
        }
        tokens.add(new Token<>(Kind.END, "", text.length(), text.length()));
    }

    private char next() {
        return pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
    }

    private void name() {
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
    }

    /** A field path after the event variable: dotted names and bracketed keys or indexes. */
    private void path() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '.' || Character.isLetterOrDigit(c) || c == '_') {
                pos++;
            } else if (c == '[') {
                int close = pos + 1;
                while (close < text.length() && text.charAt(close) != ']' && text.charAt(close) != '\n') {
                    close++;
                }
                if (close >= text.length() || text.charAt(close) != ']') {
                    throw new QueryParseException(Diagnostic.UNBALANCED, close, "]", "[", pos);
                }
                pos = close + 1;
            } else {
                return;
            }
        }
    }

    /** A double-quoted string with backslash escapes, ending on its line, or a back-quoted raw one. */
    private void quoted(char quote) {
        int start = pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && quote == '"') {
                pos += 2;
            } else if (c == quote) {
                pos++;
                return;
            } else if (c == '\n' && quote == '"') {
                break;
            } else {
                pos++;
            }
        }
        throw new QueryParseException(Diagnostic.UNTERMINATED, start, "a string", start);
    }

    private void regex() {
        int start = pos++;
        while (pos < text.length() && text.charAt(pos) != '\n') {
            char c = text.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == '/') {
                pos++;
                return;
            } else {
                pos++;
            }
        }
        throw new QueryParseException(Diagnostic.UNTERMINATED, start, "a regular expression", start);
    }

    private boolean operandExpected() {
        if (tokens.isEmpty()) {
            return true;
        }
        Token<Kind> last = tokens.get(tokens.size() - 1);
        return last.is(Kind.OPERATOR) || last.is(Kind.LPAREN) || last.is(Kind.COMMA) || last.is(Kind.NEWLINE)
                || last.is(Kind.ARITHMETIC) || (last.is(Kind.WORD) && BEFORE_OPERAND.contains(last.lower()));
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token<>(kind, text.substring(start, pos), start, pos));
    }

    /** Drops the line ends that do not end a statement: leading, repeated, and beside and/or/not. */
    private List<Token<Kind>> joinContinuedLines() {
        List<Token<Kind>> kept = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token<Kind> t = tokens.get(i);
            if (t.is(Kind.NEWLINE)) {
                Token<Kind> before = kept.isEmpty() ? null : kept.get(kept.size() - 1);
                Token<Kind> after = nextNotNewline(i);
                if (before == null || before.is(Kind.NEWLINE) || isJoining(before) || after.is(Kind.END)
                        || after.is(Kind.WORD, "and") || after.is(Kind.WORD, "or")) {
                    continue;
                }
            }
            kept.add(t);
        }
        return kept;
    }

    private Token<Kind> nextNotNewline(int i) {
        int j = i + 1;
        while (tokens.get(j).is(Kind.NEWLINE)) {
            j++;
        }
        return tokens.get(j);
    }

    private static boolean isJoining(Token<Kind> t) {
        return t.is(Kind.WORD, "and") || t.is(Kind.WORD, "or") || t.is(Kind.WORD, "not");
    }

    /** A string token's value: without its quotes, escapes resolved in a double-quoted one. */
    static String unquote(Token<Kind> t) {
        String s = t.text();
        if (t.is(Kind.REGEX) || s.startsWith("`")) {
            return s.substring(1, s.length() - 1);
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                char e = s.charAt(++i);
                if (e == 'n') {
                    out.append('\n');
                } else if (e == 't') {
                    out.append('\t');
                } else if (e == '\\' || e == '"') {
                    out.append(e);
                } else {
                    // Other escapes are the regular expression's own (\. \d): kept as written.
                    out.append('\\').append(e);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
