package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.Token;

/**
 * Splits an SPL search into {@link Token}s. It knows what can hide a pipe: double-quoted strings with backslash
 * escapes, backtick macros, triple-backtick comments and single-quoted field names. It never fails on odd input: an
 * unclosed construct becomes one {@link SplTokenKind#UNTERMINATED} token so callers can say what was not understood.
 */
public final class SplTokenizer {

    private final String s;
    private final List<Token<SplTokenKind>> tokens = new ArrayList<>();
    private int pos;

    private SplTokenizer(String search) {
        this.s = search;
    }

    public static List<Token<SplTokenKind>> tokenize(String search) {
        Limits.requireLength(search);
        SplTokenizer tokenizer = new SplTokenizer(search);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (s.startsWith("```", pos)) {
                comment();
            } else if (c == '"') {
                string();
            } else if (c == '`') {
                macro();
            } else if (c == '\'' && s.indexOf('\'', pos + 1) > 0 && !s.substring(pos + 1, s.indexOf('\'', pos + 1)).contains("\n")) {
                int close = s.indexOf('\'', pos + 1);
                add(SplTokenKind.QUOTED_FIELD, s.substring(pos + 1, close), pos, close + 1);
            } else if (c == '|') {
                single(SplTokenKind.PIPE);
            } else if (c == '(') {
                single(SplTokenKind.LPAREN);
            } else if (c == ')') {
                single(SplTokenKind.RPAREN);
            } else if (c == '[') {
                single(SplTokenKind.LBRACKET);
            } else if (c == ']') {
                single(SplTokenKind.RBRACKET);
            } else if (c == ',') {
                single(SplTokenKind.COMMA);
            } else if (isCompareStart(pos)) {
                compare();
            } else {
                word();
            }
        }
    }

    private void comment() {
        int close = s.indexOf("```", pos + 3);
        pos = close < 0 ? s.length() : close + 3;
    }

    private void string() {
        StringBuilder value = new StringBuilder();
        int start = pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < s.length()) {
                escaped(value);
            } else if (c == '"') {
                add(SplTokenKind.STRING, value.toString(), start, ++pos);
                return;
            } else {
                value.append(c);
                pos++;
            }
        }
        add(SplTokenKind.UNTERMINATED, s.substring(start), start, s.length());
    }

    /** A backslash and the character after it: SPL keeps the backslash except before a quote or another backslash. */
    private void escaped(StringBuilder value) {
        char next = s.charAt(pos + 1);
        if (next == '"' || next == '\\') {
            value.append(next);
        } else {
            value.append('\\').append(next);
        }
        pos += 2;
    }

    private void macro() {
        int close = s.indexOf('`', pos + 1);
        if (close < 0) {
            add(SplTokenKind.UNTERMINATED, s.substring(pos), pos, s.length());
            return;
        }
        add(SplTokenKind.MACRO, s.substring(pos + 1, close), pos, close + 1);
    }

    private boolean isCompareStart(int i) {
        char c = s.charAt(i);
        return c == '=' || c == '<' || c == '>' || (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '=');
    }

    private void compare() {
        int start = pos;
        char c = s.charAt(pos++);
        if (pos < s.length() && s.charAt(pos) == '=' && c != '=' || (c == '=' && pos < s.length() && s.charAt(pos) == '=')) {
            pos++;
        }
        add(SplTokenKind.COMPARE, s.substring(start, pos), start, pos);
    }

    /**
     * An unquoted term. Backslash escapes work as in quoted strings: {@code *\\system32*} is {@code *\system32*},
     * and an escaped quote ({@code group=\"File\"}) belongs to the term rather than opening a string.
     */
    private void word() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < s.length()) {
                escaped(value);
                continue;
            }
            if (Character.isWhitespace(c) || c == '"' || c == '`' || c == '|' || c == '(' || c == ')' || c == '['
                    || c == ']' || c == ',' || isCompareStart(pos)) {
                break;
            }
            value.append(c);
            pos++;
        }
        add(SplTokenKind.WORD, value.toString(), start, pos);
    }

    private void single(SplTokenKind kind) {
        add(kind, String.valueOf(s.charAt(pos)), pos, pos + 1);
    }

    private void add(SplTokenKind kind, String text, int start, int end) {
        tokens.add(new Token<>(kind, text, start, end));
        pos = Math.max(pos, end);
    }
}
