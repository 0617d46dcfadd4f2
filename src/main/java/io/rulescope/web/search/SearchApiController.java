package io.rulescope.web.search;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import io.rulescope.catalog.CacheKind;
import io.rulescope.catalog.Catalog;
import io.rulescope.search.SearchService;
import io.rulescope.web.CacheProperties;
import io.rulescope.web.ListingProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/search}: a search answered in JSON, cached with the catalog unless partial.
 */
@RestController
class SearchApiController {

    private final SearchService search;
    private final ListingProperties listing;
    /** Answers kept per catalog, but never a partial one. */
    private final CacheKind<String, SearchAnswer> answers;

    SearchApiController(SearchService search, ListingProperties listing, CacheProperties caches) {
        this.answers = CacheKind.sized("search answers", caches.searchAnswers());
        this.search = search;
        this.listing = listing;
    }

    /**
     * The JSON answer. Answers are kept as long as the catalog: the same search gives the same answer. {@code cached}
     * says when an answer is served again; {@code tookMs} is always the time the search itself took. A malformed or
     * turned-away search is answered by {@link io.rulescope.web.ApiErrors}.
     */
    @GetMapping(path = "/api/search", produces = "application/json")
    SearchAnswer api(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) Integer size, @RequestParam(defaultValue = "relevance") String sort, Catalog catalog) {
        int pageSize = ListingProperties.sizeOr(size, listing.searchPageSize());
        String key = search.cacheKey(q, page, pageSize, sort);
        Cache<String, SearchAnswer> answers = catalog.cache(this.answers);
        SearchAnswer cached = answers.getIfPresent(key);
        if (cached != null) {
            return cached.servedAgain();
        }
        SearchAnswer answer = SearchAnswer.of(search.search(catalog.index(), q, page, pageSize, sort), page == 1 ? SearchController.wouldMatch(catalog, q) : List.of());
        // A partial answer is not kept: asked again, the search gets its full budget again.
        if (!answer.partial()) {
            answers.put(key, answer);
        }
        return answer;
    }
}
