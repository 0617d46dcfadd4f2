package io.rulescope.search;

import java.util.List;
import java.util.Map;

/**
 * One page of search results with the facet counts of the whole result set.
 *
 * @param partial true when the time limit cut the search short and counts may be low
 * @param notes how the search was read where that differs from its literal grammar
 * @param instead the other readings of the search, one click away
 */
public record SearchResult(String query, long total, long tookMs, int page, int size, String sort, List<Hit> hits,
        Map<Facet, List<FacetCount>> facets, boolean partial, List<String> notes, List<Instead> instead) {

    /** Another reading of the search: the query to run, and how the link reads ("search for -enc as text"). */
    public record Instead(String query, String label) {
    }

    public record Hit(RuleSummary rule, List<Snippet> snippet) {
    }

    /** A piece of the snippet; {@code hit} pieces matched the search and are highlighted (escaped like all text). */
    public record Snippet(String text, boolean hit) {
    }

    public record FacetCount(String value, long count) {
    }

    public SearchResult withTookMs(long ms) {
        return new SearchResult(query, total, ms, page, size, sort, hits, facets, partial, notes, instead);
    }

    public int pages() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (total + size - 1) / size));
    }
}
