package io.rulescope.web.search;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.Counterparts;
import io.rulescope.rule.Rule;
import io.rulescope.search.Facet;
import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchService;
import io.rulescope.web.ListingProperties;

/**
 * "Do we already cover these elsewhere?" for a whole search: which of its rules have a counterpart on a chosen
 * platform, each with its best counterparts and the reason, and which have none. {@link ElsewhereController} shows it
 * ({@code /elsewhere?q=T1003&on=Splunk}); {@link ElsewhereApiController} answers it as JSON.
 */
@Component
class ElsewhereSearch {

    /** Counterparts listed per rule. */
    static final int SHOWN = 3;

    private final SearchService search;
    private final ListingProperties listing;

    ElsewhereSearch(SearchService search, ListingProperties listing) {
        this.search = search;
        this.listing = listing;
    }

    record Match(String id, String title, String permalink, String reason) {
    }

    record Item(String id, String title, String platform, String permalink, List<Match> counterparts) {
    }

    /**
     * @param rules the search's rules considered (those not already on the platform), at most {@code limit}
     * @param truncated whether the search had more rules than {@code limit}; the counts are then of the first ones
     */
    record ElsewhereAnswer(String query, String on, int rules, int alreadyOn, int withCounterpart, int without, int limit,
            boolean truncated, List<Item> covered, List<Item> uncovered) {
    }

    ElsewhereAnswer answer(String q, String on, Catalog catalog) {
        List<String> platforms = platforms(catalog);
        String platform = platforms.stream().filter(p -> p.equalsIgnoreCase(on.strip())).findFirst()
                .orElseThrow(() -> new UnknownPlatformException(on, platforms));
        int limit = listing.exportMaxRules();
        List<RuleSummary> found = search.all(catalog.index(), q, "relevance", limit + 1);
        boolean truncated = found.size() > limit;
        Counterparts counterparts = catalog.counterparts();
        List<Item> covered = new ArrayList<>();
        List<Item> uncovered = new ArrayList<>();
        int alreadyOn = 0;
        for (RuleSummary summary : found.subList(0, Math.min(limit, found.size()))) {
            if (platform.equals(summary.platform())) {
                alreadyOn++;
                continue;
            }
            List<Match> matches = new ArrayList<>();
            for (Counterparts.Counterpart c : counterparts.of(summary.uid(), SHOWN).getOrDefault(platform, List.of())) {
                Rule other = catalog.rules().byUid(c.uid());
                if (other != null) {
                    matches.add(new Match(other.getRuleId(), other.getTitle(), other.getPermalink(), c.reason()));
                }
            }
            Item item = new Item(summary.ruleId(), summary.title(), summary.platform(), summary.permalink(), List.copyOf(matches));
            (matches.isEmpty() ? uncovered : covered).add(item);
        }
        return new ElsewhereAnswer(q == null ? "" : q, platform, covered.size() + uncovered.size(), alreadyOn, covered.size(), uncovered.size(),
                limit, truncated, covered, uncovered);
    }

    List<String> platforms(Catalog catalog) {
        return search.allFacetValues(catalog.index(), "status:any", Facet.PLATFORM).stream().map(c -> c.value()).toList();
    }
}
