package io.rulescope.query.parse;

import java.util.Locale;

/**
 * One token of a query: its kind (each language's own enum), its text as written, and where it lies in the query
 * ({@code start} inclusive, {@code end} exclusive, 0-based), so errors and pages can point at it.
 */
public record Token<K extends Enum<K>>(K kind, String text, int start, int end) {

    public boolean is(K k) {
        return kind == k;
    }

    /** Whether this is a token of kind {@code k} spelled {@code word}, in any case ({@code AND}, {@code and}). */
    public boolean is(K k, String word) {
        return kind == k && text.equalsIgnoreCase(word);
    }

    public String lower() {
        return text.toLowerCase(Locale.ROOT);
    }
}
