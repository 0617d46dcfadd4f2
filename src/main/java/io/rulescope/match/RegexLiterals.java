package io.rulescope.match;

import java.util.Locale;

/**
 * The longest run of plain characters every match of a regular expression must contain, so the prefilter can send
 * an event to a regex rule only when that text is in the field. Conservative by construction: an expression with an
 * alternation anywhere gives nothing, groups and character classes end a run and are skipped, a character made
 * optional by {@code ?}, {@code *} or {@code {0,...}} ends the run before it, and a repeated one ends the run after it.
 */
final class RegexLiterals {

    private static final String META = ".[](){}*+?^$|\\";

    private final String regex;
    private final StringBuilder run = new StringBuilder();
    private String best = "";

    private RegexLiterals(String regex) {
        this.regex = regex;
    }

    /** The required literal, lower-cased, or "" when none can be shown to be required. */
    static String required(String regex) {
        if (regex == null || regex.indexOf('|') >= 0) {
            return "";
        }
        return new RegexLiterals(regex).scan().toLowerCase(Locale.ROOT);
    }

    private String scan() {
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(i + 1);
                if (Character.isLetterOrDigit(e)) {
                    // \d, \s, \w, \b, \x41...: a class or an assertion, not a character we can name.
                    close();
                    i += 2;
                } else {
                    i = character(e, i + 2);
                }
            } else if (c == '[') {
                close();
                i = skipQuantifier(skipClass(i));
            } else if (c == '(') {
                close();
                i = skipQuantifier(skipGroup(i));
            } else if (META.indexOf(c) >= 0) {
                close();
                i++;
            } else {
                i = character(c, i + 1);
            }
        }
        close();
        return best;
    }

    /** Takes a plain character at the position before {@code next}, minding a quantifier after it. */
    private int character(char c, int next) {
        char q = next < regex.length() ? regex.charAt(next) : 0;
        if (q == '?' || q == '*' || q == '{' && regex.startsWith("{0", next)) {
            close();
            return skipQuantifier(next);
        }
        run.append(c);
        if (q == '+' || q == '{') {
            close();
            return skipQuantifier(next);
        }
        return next;
    }

    private void close() {
        if (run.length() > best.length()) {
            best = run.toString();
        }
        run.setLength(0);
    }

    private int skipClass(int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length() && regex.charAt(j) != ']') {
            j += regex.charAt(j) == '\\' ? 2 : 1;
        }
        return j + 1;
    }

    private int skipGroup(int i) {
        int depth = 0;
        int j = i;
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                j = skipClass(j);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        return j;
    }

    private int skipQuantifier(int i) {
        if (i >= regex.length()) {
            return i;
        }
        char c = regex.charAt(i);
        if (c == '?' || c == '*' || c == '+') {
            i++;
        } else if (c == '{') {
            int close = regex.indexOf('}', i);
            i = close < 0 ? regex.length() : close + 1;
        } else {
            return i;
        }
        return i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+') ? i + 1 : i;
    }
}
