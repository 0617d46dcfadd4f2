package io.rulescope.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every match of a regular expression must have, worked out from its text so that most values can be turned
 * away without running the regex engine: the runs of plain characters every match contains (the longest one also lets
 * the prefilter send an event to a regex rule only when that text is in the field), and the fewest characters a match
 * can have. Conservative by construction: an alternation at the top level gives no runs and no length, groups and
 * character classes end a run, a character made optional by {@code ?}, {@code *} or {@code {0,...}} ends the run
 * before it, and a repeated one ends the run after it.
 *
 * <p>Runs hold ASCII only and are compared with lower-cased values: lower-casing keeps an ASCII run contiguous, so a
 * value containing the run still contains it lower-cased. A case-insensitive regex also matches the long s
 * ({@code ſ}, which does not lower-case to {@code s}) where it has an {@code s}, so its runs are cut at every
 * {@code s}.
 */
final class RegexLiterals {

    /** Every required run (lower-cased, longest first) and the minimum match length in characters. */
    record Facts(List<String> literals, int minLength) {

        static final Facts NONE = new Facts(List.of(), 0);

        /** The longest required run, or "". */
        String longest() {
            return literals.isEmpty() ? "" : literals.get(0);
        }

        /** False when the lower-cased value cannot hold a match; true means only "maybe". */
        boolean admits(String text, String lower) {
            if (text.length() < minLength) {
                return false;
            }
            for (String literal : literals) {
                if (!lower.contains(literal)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final String META = ".[](){}*+?^$|\\";
    /** Repetition counts are capped so that a product cannot overflow; any bound this large rejects nothing real. */
    private static final int LENGTH_CAP = 1 << 20;

    private final String regex;
    private final boolean caseInsensitive;
    private final StringBuilder run = new StringBuilder();
    private final List<String> runs = new ArrayList<>();
    private int minLength;

    private RegexLiterals(String regex, boolean caseInsensitive) {
        this.regex = regex;
        this.caseInsensitive = caseInsensitive;
    }

    /** @param caseInsensitive the regex is compiled with the case-insensitive flag (an inline {@code (?i)} is seen) */
    static Facts of(String regex, boolean caseInsensitive) {
        if (regex == null || regex.contains("\\Q")) {
            return Facts.NONE;
        }
        RegexLiterals scan = new RegexLiterals(regex, caseInsensitive || hasInlineCaseFlag(regex));
        if (!scan.scan()) {
            return Facts.NONE;
        }
        List<String> literals = scan.runs.stream().map(r -> r.toLowerCase(Locale.ROOT)).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList();
        return new Facts(literals, Math.min(scan.minLength, LENGTH_CAP));
    }

    private static boolean hasInlineCaseFlag(String regex) {
        for (int at = regex.indexOf("(?"); at >= 0; at = regex.indexOf("(?", at + 2)) {
            for (int i = at + 2; i < regex.length() && (Character.isLetter(regex.charAt(i)) || regex.charAt(i) == '-'); i++) {
                if (regex.charAt(i) == 'i') {
                    return true;
                }
            }
        }
        return false;
    }

    /** Walks the top level; false when it is an alternation, which promises nothing, or holds an escape not analysed. */
    private boolean scan() {
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '|') {
                return false;
            }
            if (c == '\\' && i + 1 < regex.length()) {
                char e = regex.charAt(i + 1);
                if (Character.isLetterOrDigit(e)) {
                    // \d, \s, \w, \b, \t...: a class, an assertion or a control character, not a literal.
                    close();
                    i = escape(e, i + 2);
                    if (i < 0) {
                        return false;
                    }
                } else {
                    i = character(e, i + 2);
                }
            } else if (c == '[') {
                close();
                i = atom(1, skipClass(i));
            } else if (c == '(') {
                close();
                i = skipQuantifier(skipGroup(i));
            } else if (c == '.') {
                close();
                i = atom(1, i + 1);
            } else if (META.indexOf(c) >= 0) {
                close();
                i++;
            } else {
                i = character(c, i + 1);
            }
        }
        close();
        return true;
    }

    /**
     * An escape made of a letter or digit: a class of one character ({@code \d}, {@code \s}, {@code \w}, their
     * negations) or a control character counts one, an assertion ({@code \b}, {@code \A}, {@code \z}) none. The
     * position after it, or -1 for escapes with arguments ({@code \x41}, {@code \p{L}}, {@code \Q...\E}, octal),
     * which are rare enough in rules that the regex is simply not analysed.
     */
    private int escape(char e, int next) {
        if ("dDsSwWtnrfva".indexOf(e) >= 0) {
            return atom(1, next);
        }
        if ("bBAz".indexOf(e) >= 0) {
            return skipQuantifier(next);
        }
        return -1;
    }

    /** Takes a plain character at the position before {@code next}, minding a quantifier after it. */
    private int character(char c, int next) {
        char q = next < regex.length() ? regex.charAt(next) : 0;
        if (q == '?' || q == '*' || q == '{' && regex.startsWith("{0", next)) {
            close();
            return skipQuantifier(next);
        }
        if (c >= 128 || caseInsensitive && (c == 's' || c == 'S')) {
            close();
        } else {
            run.append(c);
        }
        if (q == '+' || q == '{') {
            close();
            return atom(1, next);
        }
        minLength++;
        return next;
    }

    /** Counts an atom of {@code width} characters times the least its quantifier (at {@code next}) repeats it. */
    private int atom(int width, int next) {
        int least = 1;
        if (next < regex.length()) {
            char q = regex.charAt(next);
            if (q == '?' || q == '*') {
                least = 0;
            } else if (q == '{') {
                least = leastRepeat(next);
            }
        }
        minLength += Math.min(width * least, LENGTH_CAP);
        return skipQuantifier(next);
    }

    /** The lower bound of {@code {n}}, {@code {n,}} or {@code {n,m}}; 0 when it is not one. */
    private int leastRepeat(int open) {
        int i = open + 1;
        long n = 0;
        while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
            n = Math.min(LENGTH_CAP, n * 10 + (regex.charAt(i++) - '0'));
        }
        boolean valid = i > open + 1 && i < regex.length() && (regex.charAt(i) == '}' || regex.charAt(i) == ',');
        return valid ? (int) n : 0;
    }

    private void close() {
        if (!run.isEmpty()) {
            runs.add(run.toString());
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
