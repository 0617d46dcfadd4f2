package io.rulescope.dialect.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.QuotedStrings;
import io.rulescope.query.parse.Token;

/**
 * Splits a Kusto query into {@link KqlToken}s. It knows every construct that can hide a pipe or a semicolon: the
 * string forms ({@code "..."} and {@code '...'} with backslash escapes, verbatim {@code @"..."}, obfuscated
 * {@code h"..."}, multi-line {@code ```...```}) and {@code //} comments, which are dropped. It never fails: an
 * unclosed string becomes one {@link KqlTokenKind#UNTERMINATED} token to the end of the input.
 */
public final class KqlTokenizer {

    /** Operators spelled with a dash; elsewhere a dash between two names is a minus. */
    private static final Set<String> DASHED = Set.of("mv-expand", "mv-apply", "project-away", "project-keep",
            "project-rename", "project-reorder", "make-series", "top-nested", "top-hitters", "parse-where", "parse-kv",
            "make-graph", "graph-match", "graph-merge", "graph-to-table");

    private final String s;
    private final List<Token<KqlTokenKind>> tokens = new ArrayList<>();
    private int pos;

    private KqlTokenizer(String query) {
        this.s = query;
    }

    public static List<Token<KqlTokenKind>> tokenize(String query) {
        Limits.requireLength(query);
        KqlTokenizer tokenizer = new KqlTokenizer(query);
        tokenizer.run();
        return List.copyOf(tokenizer.tokens);
    }

    private void run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (s.startsWith("//", pos)) {
                int nl = s.indexOf('\n', pos);
                pos = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("```", pos) || s.startsWith("~~~", pos)) {
                fenced(s.substring(pos, pos + 3));
            } else if (c == '"' || c == '\'') {
                quoted(pos, pos, false);
            } else if (c == '@' && pos + 1 < s.length() && isQuote(s.charAt(pos + 1))) {
                quoted(pos, pos + 1, true);
            } else if ((c == 'h' || c == 'H') && pos + 1 < s.length() && isQuote(s.charAt(pos + 1))) {
                quoted(pos, pos + 1, false);
            } else if ((c == 'h' || c == 'H') && s.startsWith("@", pos + 1) && pos + 2 < s.length() && isQuote(s.charAt(pos + 2))) {
                quoted(pos, pos + 2, true);
            } else if (Character.isDigit(c)) {
                number();
            } else if (isNameStart(c)) {
                word(pos);
            } else if (c == '!' && pos + 1 < s.length() && Character.isLetter(s.charAt(pos + 1))) {
                word(pos + 1);
            } else {
                punctuation(c);
            }
        }
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** A string whose quote is at {@code quoteAt}; {@code start} includes any {@code @} or {@code h} prefix. */
    private void quoted(int start, int quoteAt, boolean verbatim) {
        QuotedStrings.Read read = QuotedStrings.read(s, quoteAt, verbatim ? VERBATIM : REGULAR);
        if (read == null) {
            unterminated(start);
            return;
        }
        add(KqlTokenKind.STRING, read.value(), start, read.end());
        pos = read.end();
    }

    /** A regular Kusto string takes backslash escapes and ends at the line; a verbatim one doubles its quote. */
    private static final QuotedStrings.Rules REGULAR = new QuotedStrings.Rules(true, false, true);
    private static final QuotedStrings.Rules VERBATIM = new QuotedStrings.Rules(false, true, false);

    private void fenced(String fence) {
        int close = s.indexOf(fence, pos + 3);
        if (close < 0) {
            unterminated(pos);
            return;
        }
        add(KqlTokenKind.STRING, s.substring(pos + 3, close), pos, close + 3);
        pos = close + 3;
    }

    private void unterminated(int start) {
        add(KqlTokenKind.UNTERMINATED, s.substring(start), start, s.length());
        pos = s.length();
    }

    private void number() {
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < s.length() && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
            pos++;
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                pos++;
            }
        }
        add(KqlTokenKind.NUMBER, s.substring(start, pos), start, pos);
    }

    /** A name or word operator starting at {@code from}; a {@code !} just before it is part of it ({@code !has}). */
    private void word(int from) {
        int start = pos;
        int i = from;
        while (i < s.length() && isNamePart(s.charAt(i))) {
            i++;
        }
        if (i + 1 < s.length() && s.charAt(i) == '-' && Character.isLetter(s.charAt(i + 1))) {
            int j = i + 1;
            while (j < s.length() && isNamePart(s.charAt(j))) {
                j++;
            }
            if (DASHED.contains(s.substring(from, j).toLowerCase(java.util.Locale.ROOT))) {
                i = j;
            }
        }
        if (i < s.length() && s.charAt(i) == '~' && s.substring(from, i).equalsIgnoreCase("in")) {
            i++;
        }
        add(KqlTokenKind.WORD, s.substring(start, i), start, i);
        pos = i;
    }

    private void punctuation(char c) {
        KqlTokenKind kind = switch (c) {
            case '|' -> KqlTokenKind.PIPE;
            case ';' -> KqlTokenKind.SEMICOLON;
            case '(' -> KqlTokenKind.LPAREN;
            case ')' -> KqlTokenKind.RPAREN;
            case '[' -> KqlTokenKind.LBRACKET;
            case ']' -> KqlTokenKind.RBRACKET;
            case '{' -> KqlTokenKind.LBRACE;
            case '}' -> KqlTokenKind.RBRACE;
            case ',' -> KqlTokenKind.COMMA;
            case ':' -> KqlTokenKind.COLON;
            default -> null;
        };
        if (kind != null) {
            add(kind, String.valueOf(c), pos, pos + 1);
            pos++;
            return;
        }
        for (String op : new String[] { "==", "!=", "=~", "!~", "<=", ">=", "..", "<>" }) {
            if (s.startsWith(op, pos)) {
                add(KqlTokenKind.OPERATOR, op, pos, pos + 2);
                pos += 2;
                return;
            }
        }
        if (c == '.') {
            add(KqlTokenKind.DOT, ".", pos, pos + 1);
        } else {
            add(KqlTokenKind.OPERATOR, String.valueOf(c), pos, pos + 1);
        }
        pos++;
    }

    private void add(KqlTokenKind kind, String text, int start, int end) {
        tokens.add(new Token<>(kind, text, start, end));
    }
}
