package io.rulescope.query.spl;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.query.QueryTooLargeException;

/**
 * Splits an SPL search into {@link Token}s. It knows what can hide a pipe: double-quoted strings with backslash
 * escapes, backtick macros, triple-backtick comments and single-quoted field names. It never fails on odd input: an
 * unclosed construct becomes one {@link TokenKind#UNTERMINATED} token so callers can say what was not understood.
 */
public final class SplTokenizer {

    /** Longer searches are not analysed; no real rule comes close (the longest ESCU search is about 8,000 characters). */
    public static final int MAX_LENGTH = 100_000;

    private final String s;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private SplTokenizer(String search) {
        this.s = search;
    }

    public static List<Token> tokenize(String search) {
        if (search.length() > MAX_LENGTH) {
            throw new QueryTooLargeException("search is " + search.length() + " characters long; searches over "
                    + MAX_LENGTH + " are not analysed");
        }
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
                add(TokenKind.QUOTED_FIELD, s.substring(pos + 1, close), pos, close + 1);
            } else if (c == '|') {
                single(TokenKind.PIPE);
            } else if (c == '(') {
                single(TokenKind.LPAREN);
            } else if (c == ')') {
                single(TokenKind.RPAREN);
            } else if (c == '[') {
                single(TokenKind.LBRACKET);
            } else if (c == ']') {
                single(TokenKind.RBRACKET);
            } else if (c == ',') {
                single(TokenKind.COMMA);
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
                add(TokenKind.STRING, value.toString(), start, ++pos);
                return;
            } else {
                value.append(c);
                pos++;
            }
        }
        add(TokenKind.UNTERMINATED, s.substring(start), start, s.length());
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
            add(TokenKind.UNTERMINATED, s.substring(pos), pos, s.length());
            return;
        }
        add(TokenKind.MACRO, s.substring(pos + 1, close), pos, close + 1);
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
        add(TokenKind.COMPARE, s.substring(start, pos), start, pos);
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
        add(TokenKind.WORD, value.toString(), start, pos);
    }

    private void single(TokenKind kind) {
        add(kind, String.valueOf(s.charAt(pos)), pos, pos + 1);
    }

    private void add(TokenKind kind, String text, int start, int end) {
        tokens.add(new Token(kind, text, start, end));
        pos = Math.max(pos, end);
    }
}
