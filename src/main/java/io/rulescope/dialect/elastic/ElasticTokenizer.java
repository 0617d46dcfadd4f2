package io.rulescope.dialect.elastic;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.query.parse.Limits;
import io.rulescope.query.parse.QuotedStrings;
import io.rulescope.query.parse.Token;

/**
 * Splits an Elastic query into {@link ElasticToken}s, knowing what can hide a pipe or a bracket in each dialect:
 * strings ({@code "..."} with escapes, raw {@code """..."""} and {@code ?"..."}), comments ({@code //} and
 * {@code /* *}{@code /} in EQL and ES|QL) and, in KQL and Lucene, backslash escapes inside unquoted values.
 */
final class ElasticTokenizer {

    private static final String PUNCTUATION = "()[]{},|:=!<>~";
    /**
     * In KQL and Lucene, {@code = ! ~ , [ ] { }} are ordinary characters of unquoted values ({@code *PATH=*},
     * {@code CN=System,DC=*}, Lucene's {@code /2[0-9]{3}/}).
     */
    private static final String BARE_PUNCTUATION = "():<>";

    private final String s;
    private final ElasticLanguage dialect;
    private final List<Token<ElasticTokenKind>> tokens = new ArrayList<>();
    private int pos;

    private ElasticTokenizer(String query, ElasticLanguage dialect) {
        this.s = query;
        this.dialect = dialect;
    }

    static List<Token<ElasticTokenKind>> tokenize(String query, ElasticLanguage dialect) {
        Limits.requireLength(query);
        ElasticTokenizer t = new ElasticTokenizer(query, dialect);
        t.run();
        return List.copyOf(t.tokens);
    }

    private void run() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (dialect.hasComments() && s.startsWith("//", pos)) {
                int nl = s.indexOf('\n', pos);
                pos = nl < 0 ? s.length() : nl + 1;
            } else if (dialect.hasComments() && s.startsWith("/*", pos)) {
                int close = s.indexOf("*/", pos + 2);
                pos = close < 0 ? s.length() : close + 2;
            } else if (s.startsWith("\"\"\"", pos)) {
                int close = s.indexOf("\"\"\"", pos + 3);
                if (close < 0) {
                    unterminated();
                } else {
                    add(ElasticTokenKind.STRING, s.substring(pos + 3, close), pos, close + 3);
                    pos = close + 3;
                }
            } else if (c == '"' || c == '\'' && dialect == ElasticLanguage.EQL) {
                quoted(pos, pos, true);
            } else if (c == '?' && pos + 1 < s.length() && s.charAt(pos + 1) == '"' && dialect == ElasticLanguage.EQL) {
                quoted(pos, pos + 1, false);
            } else if (c == '|' && s.startsWith("||", pos) && dialect != ElasticLanguage.ESQL) {
                add(ElasticTokenKind.WORD, "or", pos, pos + 2);
                pos += 2;
            } else if (c == '&' && s.startsWith("&&", pos)) {
                add(ElasticTokenKind.WORD, "and", pos, pos + 2);
                pos += 2;
            } else if (punctuation().indexOf(c) >= 0 && !(c == '=' && dialect.bareValues())) {
                punctuation(c);
            } else if (c == '/' && dialect == ElasticLanguage.LUCENE && s.indexOf('/', pos + 1) > 0) {
                regex();
            } else {
                word();
            }
        }
    }

    private String punctuation() {
        return dialect.bareValues() ? BARE_PUNCTUATION : PUNCTUATION;
    }

    private void quoted(int start, int quoteAt, boolean escapes) {
        QuotedStrings.Read read = QuotedStrings.read(s, quoteAt, escapes ? ESCAPED : RAW);
        if (read == null) {
            pos = start;
            unterminated();
            return;
        }
        add(ElasticTokenKind.STRING, read.value(), start, read.end());
        pos = read.end();
    }

    /** EQL's and KQL's strings take backslash escapes; EQL's raw strings ({@code ?"C:\x"}) do not. */
    private static final QuotedStrings.Rules ESCAPED = new QuotedStrings.Rules(true, false, false);
    private static final QuotedStrings.Rules RAW = new QuotedStrings.Rules(false, false, false);

    private void unterminated() {
        add(ElasticTokenKind.UNTERMINATED, s.substring(pos), pos, s.length());
        pos = s.length();
    }

    private void punctuation(char c) {
        ElasticTokenKind kind = switch (c) {
            case '(' -> ElasticTokenKind.LPAREN;
            case ')' -> ElasticTokenKind.RPAREN;
            case '[' -> ElasticTokenKind.LBRACKET;
            case ']' -> ElasticTokenKind.RBRACKET;
            case '{' -> ElasticTokenKind.LBRACE;
            case '}' -> ElasticTokenKind.RBRACE;
            case ',' -> ElasticTokenKind.COMMA;
            case '|' -> ElasticTokenKind.PIPE;
            default -> ElasticTokenKind.OPERATOR;
        };
        if (kind == ElasticTokenKind.OPERATOR) {
            for (String op : new String[] { "==", "!=", "<=", ">=" }) {
                if (s.startsWith(op, pos)) {
                    add(kind, op, pos, pos + 2);
                    pos += 2;
                    return;
                }
            }
        }
        add(kind, String.valueOf(c), pos, pos + 1);
        pos++;
    }

    /**
     * A Lucene regular expression, {@code /.../} up to the next slash no backslash escapes: one word, its escapes kept
     * for the regex engine but for the escaped slash, which only Lucene's syntax needed.
     */
    private void regex() {
        int start = pos;
        StringBuilder value = new StringBuilder("/");
        pos++;
        while (pos < s.length() && s.charAt(pos) != '/') {
            if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
                if (s.charAt(pos + 1) != '/') {
                    value.append('\\');
                }
                value.append(s.charAt(pos + 1));
                pos += 2;
            } else {
                value.append(s.charAt(pos++));
            }
        }
        if (pos >= s.length()) {
            pos = start;
            word();
            return;
        }
        pos++;
        add(ElasticTokenKind.WORD, value.append('/').toString(), start, pos);
    }

    /** A run up to whitespace or punctuation; in KQL and Lucene a backslash keeps the next character in the word. */
    private void word() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (dialect.bareValues() && c == '\\' && pos + 1 < s.length()) {
                value.append(s.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (Character.isWhitespace(c) || punctuation().indexOf(c) >= 0 || c == '"') {
                break;
            }
            value.append(c);
            pos++;
        }
        // like~, in~, regex~: the tilde makes the operator case-insensitive
        if (pos < s.length() && s.charAt(pos) == '~' && !dialect.bareValues()) {
            value.append('~');
            pos++;
        }
        add(ElasticTokenKind.WORD, value.toString(), start, pos);
    }

    private void add(ElasticTokenKind kind, String text, int start, int end) {
        tokens.add(new Token<>(kind, text, start, end));
    }

    /** The index of the bracket closing the one at {@code open}, or the last index when the query never closes it. */
    static int closing(List<Token<ElasticTokenKind>> tokens, int open) {
        int nesting = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token<ElasticTokenKind> t = tokens.get(i);
            if (t.is(ElasticTokenKind.LPAREN) || t.is(ElasticTokenKind.LBRACKET)) {
                nesting++;
            } else if (t.is(ElasticTokenKind.RPAREN) || t.is(ElasticTokenKind.RBRACKET)) {
                nesting--;
                if (nesting == 0) {
                    return i;
                }
            }
        }
        return tokens.size() - 1;
    }
}
