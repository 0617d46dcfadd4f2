package io.rulescope.search;

import java.util.List;

/** One page of a rule listing; {@code page} is 1-based. */
public record RulePage(long total, int page, int size, List<RuleSummary> rules) {

    /** The rules of one page of a listing's search. */
    public static RulePage of(SearchResult result) {
        return new RulePage(result.total(), result.page(), result.size(), result.hits().stream().map(SearchResult.Hit::rule).toList());
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }
}
