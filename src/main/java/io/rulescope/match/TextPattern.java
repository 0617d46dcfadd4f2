package io.rulescope.match;

import io.rulescope.query.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A text value test with {@code *} (any run) and {@code ?} (one character) wildcards, compiled once per rule
 * predicate. The common shapes (exact, prefix, suffix, contains) use String's own methods; other patterns match
 * their fixed pieces left to right, which is exact for these wildcards and linear in practice.
 */
final class TextPattern {

    /** Stands for {@code ?} inside a piece; a non-character, so no event text contains it. */
    static final char ONE = '\uFFFF';

    private final List<String> pieces;
    private final boolean leadingStar;
    private final boolean trailingStar;
    private final boolean cased;
    private final String display;

    private TextPattern(List<String> pieces, boolean leadingStar, boolean trailingStar, boolean cased, String display) {
        this.pieces = pieces;
        this.leadingStar = leadingStar;
        this.trailingStar = trailingStar;
        this.cased = cased;
        this.display = display;
    }

    /**
     * A Sigma value: {@code *} and {@code ?} are wildcards, {@code \*}, {@code \?} and {@code \\} their literal
     * characters, and a backslash before anything else is itself ({@code C:\Windows\}). {@code kind} adds the
     * wildcards its modifier implies.
     */
    static TextPattern sigma(String value, Kind kind, boolean cased) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean lead = false;
        boolean trail = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && "*?\\".indexOf(value.charAt(i + 1)) >= 0) {
                piece.append(value.charAt(++i));
            } else if (c == '*') {
                if (piece.isEmpty() && pieces.isEmpty()) {
                    lead = true;
                } else {
                    pieces.add(piece.toString());
                    piece.setLength(0);
                }
                trail = i == value.length() - 1;
            } else if (c == '?') {
                piece.append(ONE);
            } else {
                piece.append(c);
            }
        }
        if (!piece.isEmpty() || pieces.isEmpty() && !lead) {
            pieces.add(piece.toString());
            trail = false;
        }
        return shaped(pieces, lead, trail, kind, cased, value);
    }

    /** SPL: only {@code *} is a wildcard; the analyser has already undone the quotes' escapes. */
    static TextPattern spl(String value, Kind kind) {
        List<String> pieces = new ArrayList<>(List.of(value.split("\\*", -1)));
        boolean lead = pieces.size() > 1 && pieces.get(0).isEmpty();
        boolean trail = pieces.size() > 1 && pieces.get(pieces.size() - 1).isEmpty();
        if (lead) {
            pieces.remove(0);
        }
        if (trail && !pieces.isEmpty()) {
            pieces.remove(pieces.size() - 1);
        }
        pieces.removeIf(p -> p.isEmpty() && pieces.size() > 1);
        return shaped(pieces, lead, trail, kind, false, value);
    }

    /** A value with no wildcards at all (what base64 and UTF-16 modifiers produce). */
    static TextPattern literal(String value, Kind kind, boolean cased) {
        return shaped(new ArrayList<>(List.of(value)), false, false, kind, cased, value);
    }

    private static TextPattern shaped(List<String> pieces, boolean lead, boolean trail, Kind kind, boolean cased, String display) {
        boolean l = lead || kind == Kind.CONTAINS || kind == Kind.ENDSWITH;
        boolean t = trail || kind == Kind.CONTAINS || kind == Kind.STARTSWITH;
        if (pieces.isEmpty()) {
            pieces.add("");
        }
        // Interned: tens of thousands of patterns share a few thousand pieces.
        List<String> folded = pieces.stream().map(p -> (cased ? p : p.toLowerCase(Locale.ROOT)).intern()).toList();
        return new TextPattern(folded, l, t, cased, display);
    }

    boolean isCased() {
        return cased;
    }

    /** True when the pattern accepts this text (already lower-cased when the pattern is not cased). */
    boolean matches(String text) {
        int n = pieces.size();
        if (n == 1) {
            String p = pieces.get(0);
            if (p.indexOf(ONE) < 0) {
                if (leadingStar && trailingStar) {
                    return text.contains(p);
                }
                if (leadingStar) {
                    return text.endsWith(p);
                }
                if (trailingStar) {
                    return text.startsWith(p);
                }
                return text.equals(p);
            }
        }
        int from = 0;
        int end = text.length();
        String first = pieces.get(0);
        if (!leadingStar) {
            if (!regionMatches(text, 0, first)) {
                return false;
            }
            from = first.length();
        }
        String last = pieces.get(n - 1);
        if (!trailingStar) {
            if (n == 1 && !leadingStar) {
                return text.length() == first.length();
            }
            end = text.length() - last.length();
            if (end < from || !regionMatches(text, end, last)) {
                return false;
            }
        }
        int middleFrom = leadingStar ? 0 : 1;
        int middleTo = trailingStar ? n : n - 1;
        for (int i = middleFrom; i < middleTo; i++) {
            int at = find(text, pieces.get(i), from, end);
            if (at < 0) {
                return false;
            }
            from = at + pieces.get(i).length();
        }
        return from <= end;
    }

    private static boolean regionMatches(String text, int at, String piece) {
        if (at < 0 || at + piece.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < piece.length(); i++) {
            char p = piece.charAt(i);
            if (p != ONE && p != text.charAt(at + i)) {
                return false;
            }
        }
        return true;
    }

    private static int find(String text, String piece, int from, int end) {
        if (piece.indexOf(ONE) < 0) {
            int at = text.indexOf(piece, from);
            return at >= 0 && at + piece.length() <= end ? at : -1;
        }
        for (int at = from; at + piece.length() <= end; at++) {
            if (regionMatches(text, at, piece)) {
                return at;
            }
        }
        return -1;
    }

    /**
     * The longest run of fixed characters every accepted text contains (lower-cased), or "" when there is none;
     * what the prefilter looks for.
     */
    String requiredLiteral() {
        String best = "";
        for (String piece : pieces) {
            for (String run : piece.split(String.valueOf(ONE))) {
                if (run.length() > best.length()) {
                    best = run;
                }
            }
        }
        return best.toLowerCase(Locale.ROOT);
    }

    /** A text this pattern accepts, for tests that build events from rules. */
    String sample() {
        StringBuilder b = new StringBuilder(leadingStar ? "pre" : "");
        for (int i = 0; i < pieces.size(); i++) {
            b.append(i > 0 ? "mid" : "").append(pieces.get(i).replace(ONE, 'q'));
        }
        return b.append(trailingStar ? "post" : "").toString();
    }

    @Override
    public String toString() {
        return display;
    }
}
