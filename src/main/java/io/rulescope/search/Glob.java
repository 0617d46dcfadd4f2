package io.rulescope.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A search wildcard pattern: {@code *} any run of characters, {@code ?} exactly one, everything else literal. A
 * backslash is a literal character here, not an escape as in Lucene's own wildcards: values are Windows paths, and
 * {@code *\powershell.exe} has to mean a file called powershell.exe, not any name ending in it.
 */
final class Glob {

    /** The shapes nearly every search has, answered with String's own (vectorised) methods. */
    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, GENERAL }

    private final String pattern;
    private final Shape shape;
    private final String literal;

    Glob(String pattern) {
        this.pattern = pattern;
        String inner = pattern.length() >= 2 ? pattern.substring(1, pattern.length() - 1) : "";
        boolean innerLiteral = inner.indexOf('*') < 0 && inner.indexOf('?') < 0;
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            shape = Shape.EXACT;
            literal = pattern;
        } else if (pattern.length() >= 2 && pattern.startsWith("*") && pattern.endsWith("*") && innerLiteral) {
            shape = Shape.CONTAINS;
            literal = inner;
        } else if (pattern.startsWith("*") && pattern.indexOf('?') < 0 && pattern.lastIndexOf('*') == 0) {
            shape = Shape.SUFFIX;
            literal = pattern.substring(1);
        } else if (pattern.endsWith("*") && pattern.indexOf('?') < 0 && pattern.indexOf('*') == pattern.length() - 1) {
            shape = Shape.PREFIX;
            literal = pattern.substring(0, pattern.length() - 1);
        } else {
            shape = Shape.GENERAL;
            literal = null;
        }
    }

    String pattern() {
        return pattern;
    }

    /**
     * Whether {@code text} matches as a whole. Greedy with one backtrack point (the last star), so the work is linear
     * in the text for all but contrived patterns, and never worse than pattern length times text length.
     */
    boolean matches(String text) {
        return switch (shape) {
            case EXACT -> text.equals(literal);
            case PREFIX -> text.startsWith(literal);
            case SUFFIX -> text.endsWith(literal);
            case CONTAINS -> text.contains(literal);
            case GENERAL -> matchesGeneral(text);
        };
    }

    private boolean matchesGeneral(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t) && pattern.charAt(p) != '*')) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** The literal text before the first wildcard: every match starts with it. */
    String prefix() {
        int cut = 0;
        while (cut < pattern.length() && pattern.charAt(cut) != '*' && pattern.charAt(cut) != '?') {
            cut++;
        }
        return pattern.substring(0, cut);
    }

    /** Whether matching must look at every term: no literal prefix and no three literal characters in a row. */
    boolean scansEveryTerm() {
        return prefix().isEmpty() && literals().stream().noneMatch(l -> l.length() >= 3);
    }

    /** Whether the pattern has no wildcard at all. */
    boolean isLiteral() {
        return prefix().length() == pattern.length();
    }

    /** The runs of literal characters between wildcards: every match contains each of them. */
    List<String> literals() {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (!run.isEmpty()) {
                    out.add(run.toString());
                    run.setLength(0);
                }
            } else {
                run.append(c);
            }
        }
        if (!run.isEmpty()) {
            out.add(run.toString());
        }
        return out;
    }
}
