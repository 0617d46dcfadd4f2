package io.rulescope.web.match;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.rulescope.catalog.Catalog;
import io.rulescope.match.MatchResult;
import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchService;

/** "Which of our rules fire on this event": a match answer narrowed to the rules of a search ({@code q}), a collection's too. */
@Component
class MatchScope {

    private final SearchService search;

    MatchScope(SearchService search) {
        this.search = search;
    }

    /** @throws io.rulescope.search.SearchSyntaxException when {@code q} cannot be read, with its position */
    MatchResult within(Catalog catalog, String q, MatchResult result) {
        if (q == null || q.isBlank()) {
            return result;
        }
        Set<String> uids = search.all(catalog.index(), q, "title", Math.max(1, catalog.rules().size())).stream().map(RuleSummary::uid)
                .collect(Collectors.toSet());
        return result.within(uids);
    }
}
