package io.rulescope.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A short window of a rule's description around the first searched word, split into highlighted pieces. */
final class Snippets {

    static final int WINDOW = 220;

    private Snippets() {
    }

    static List<SearchResult.Snippet> of(String text, List<String> words) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int first = -1;
        for (String w : words) {
            int at = lower.indexOf(w);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        int start = first < 0 ? 0 : Math.max(0, first - WINDOW / 3);
        int end = Math.min(text.length(), start + WINDOW);
        String window = (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
        return split(window, words);
    }

    private static List<SearchResult.Snippet> split(String window, List<String> words) {
        List<SearchResult.Snippet> out = new ArrayList<>();
        String lower = window.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < window.length()) {
            int best = -1;
            int bestLength = 0;
            for (String w : words) {
                int at = lower.indexOf(w, i);
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                    bestLength = w.length();
                }
            }
            if (best < 0) {
                out.add(new SearchResult.Snippet(window.substring(i), false));
                break;
            }
            if (best > i) {
                out.add(new SearchResult.Snippet(window.substring(i, best), false));
            }
            out.add(new SearchResult.Snippet(window.substring(best, best + bestLength), true));
            i = best + bestLength;
        }
        return out;
    }
}
