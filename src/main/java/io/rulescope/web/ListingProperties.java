package io.rulescope.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many rules the listing pages, exports and comparisons give. The search service bounds every search on its own
 * (at most 100 per page, page 10,000); these say what a page asks for when the URL does not.
 *
 * @param searchPageSize results per page of {@code /search} and {@code /api/search}
 * @param rulesPageSize rules per page of {@code /rules}
 * @param techniquePageSize rules per page of a technique page
 * @param exportMaxRules the most rows a CSV or JSON export or a Navigator layer holds
 * @param feedEntries entries in an Atom feed
 * @param compareMaxRules the most rules of each side when comparing two searches
 * @param changesPageSize changed rules per page of {@code /changes} and {@code /api/changes}
 * @param historyPageSize versions per page of a rule's history and {@code /api/rules/{id}/history}
 * @param collectionPageSize members per page of a collection's page (its API lists them all)
 */
@ConfigurationProperties("rulescope.listing")
public record ListingProperties(@DefaultValue("20") int searchPageSize, @DefaultValue("50") int rulesPageSize,
        @DefaultValue("100") int techniquePageSize, @DefaultValue("10000") int exportMaxRules, @DefaultValue("50") int feedEntries,
        @DefaultValue("20000") int compareMaxRules, @DefaultValue("100") int changesPageSize,
        @DefaultValue("50") int historyPageSize, @DefaultValue("200") int collectionPageSize) {

    /** The defaults, for slices and tools that build controllers by hand. */
    public static final ListingProperties DEFAULTS = new ListingProperties(20, 50, 100, 10_000, 50, 20_000, 100, 50, 200);

    /** The size a request asked for, or the page's own default when it did not. */
    public static int sizeOr(Integer asked, int pageDefault) {
        return asked == null ? pageDefault : asked;
    }
}
