package io.rulescope.dialect.yaral;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rulescope.dialect.DocumentSyntaxException;

/**
 * Cuts a YARA-L 2.0 file into its rules ({@code rule name { ... }}) and each rule into its sections ({@code meta:},
 * {@code events:}, {@code match:}, {@code outcome:}, {@code condition:}, {@code options:}). Strings, regular
 * expressions and comments are passed over whole, so a brace or a section name inside one is not taken for structure.
 * One pass over the text, no backtracking: the work is linear in the file's length.
 */
final class YaralSections {

    static final Set<String> SECTION_NAMES = Set.of("meta", "strings", "events", "match", "outcome", "condition", "options");

    /** One section: its text after the colon, and where that text starts in the file. */
    record Section(String name, String text, int offset) {
    }

    /** One rule: its name, its text from {@code rule} to the closing brace, and its sections in order. */
    record RuleText(String name, String text, int offset, Map<String, Section> sections) {
    }

    private final String text;
    private int pos;

    private YaralSections(String text) {
        this.text = text;
    }

    /**
     * @throws DocumentSyntaxException where the text stops being YARA-L rules (an unclosed rule, string or comment)
     */
    static List<RuleText> rules(String text) {
        return new YaralSections(text).rules();
    }

    // file := ( "rule" name [ ":" tags ] "{" body "}" )*      with comments anywhere between
    private List<RuleText> rules() {
        List<RuleText> rules = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                return rules;
            }
            int start = pos;
            String keyword = word();
            if (!keyword.equals("rule")) {
                throw error(start, keyword.isEmpty() ? "unexpected '" + text.charAt(start) + "' where a rule should start"
                        : "expected 'rule <name> {' but found '" + keyword + "'");
            }
            skipSpaceAndComments();
            String name = word();
            if (name.isEmpty()) {
                throw error(pos, "a rule needs a name after 'rule'");
            }
            skipSpaceAndComments();
            while (pos < text.length() && text.charAt(pos) != '{' && text.charAt(pos) != '\n') {
                pos++;
            }
            if (pos >= text.length() || text.charAt(pos) != '{') {
                throw error(pos, "expected '{' after 'rule " + name + "'");
            }
            rules.add(body(name, start));
        }
    }

    // body := ( section-name ":" section-text )*  "}"
    private RuleText body(String name, int start) {
        int open = pos++;
        Map<String, Section> sections = new LinkedHashMap<>();
        String current = null;
        int currentStart = -1;
        int depth = 1;
        boolean lineStart = false;
        char previous = '{';
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                lineStart = true;
                pos++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
                continue;
            }
            if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
                skipComment();
                continue;
            }
            if (lineStart && depth == 1 && Character.isLetter(c)) {
                int wordStart = pos;
                String w = word();
                int afterWord = pos;
                skipBlanks();
                if (SECTION_NAMES.contains(w) && pos < text.length() && text.charAt(pos) == ':') {
                    if (current != null) {
                        sections.put(current, new Section(current, text.substring(currentStart, wordStart), currentStart));
                    }
                    current = w;
                    currentStart = ++pos;
                    lineStart = false;
                    previous = ':';
                    continue;
                }
                pos = afterWord;
                lineStart = false;
                previous = 'a';
                continue;
            }
            lineStart = false;
            if (c == '"' || c == '`') {
                skipString(c);
            } else if (c == '/' && "=(,!:".indexOf(previous) >= 0 && regexEnds()) {
                skipRegex();
            } else if (c == '{') {
                depth++;
                pos++;
            } else if (c == '}') {
                if (--depth == 0) {
                    if (current != null) {
                        sections.put(current, new Section(current, text.substring(currentStart, pos), currentStart));
                    }
                    pos++;
                    return new RuleText(name, text.substring(start, pos), start, sections);
                }
                pos++;
            } else {
                pos++;
            }
            previous = c;
        }
        throw error(open, "the '{' of rule " + name + " is never closed");
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipBlanks() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipComment() {
        int start = pos;
        if (text.charAt(pos + 1) == '/') {
            int nl = text.indexOf('\n', pos);
            pos = nl < 0 ? text.length() : nl;
        } else {
            int close = text.indexOf("*/", pos + 2);
            if (close < 0) {
                throw error(start, "a '/*' comment is never closed");
            }
            pos = close + 2;
        }
    }

    /** A double-quoted string ends on its line; a back-quoted one (a raw regular expression) may span lines. */
    private void skipString(char quote) {
        int start = pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && quote == '"' && pos + 1 < text.length()) {
                pos += 2;
                continue;
            }
            if (c == quote) {
                pos++;
                return;
            }
            if (c == '\n' && quote == '"') {
                break;
            }
            pos++;
        }
        throw error(start, "a string opened here is not closed" + (quote == '"' ? " on its line" : ""));
    }

    /** Whether a '/' here opens a regular expression closed on the same line. */
    private boolean regexEnds() {
        for (int i = pos + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return false;
            }
            if (c == '\\') {
                i++;
            } else if (c == '/') {
                return i > pos + 1;
            }
        }
        return false;
    }

    private void skipRegex() {
        pos++;
        while (text.charAt(pos) != '/') {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        pos++;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private DocumentSyntaxException error(int offset, String reason) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new DocumentSyntaxException(line, offset - lineStart + 1, reason);
    }
}
