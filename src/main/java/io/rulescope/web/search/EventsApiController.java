package io.rulescope.web.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.EventTables;
import io.rulescope.indicator.EventVocabulary;
import io.rulescope.search.Facet;
import io.rulescope.search.SearchService;

/**
 * {@code /api/events}: the event vocabulary as the catalog uses it, each canonical event with its OCSF class, the
 * concrete events that stand for it and its rules per platform; for tools that map one vendor's telemetry onto
 * another's, or onto OCSF.
 */
@RestController
class EventsApiController {

    private final SearchService search;
    private final EventVocabulary vocabulary;

    EventsApiController(SearchService search, EventTables tables) {
        this.search = search;
        this.vocabulary = tables.vocabulary();
    }

    record CanonicalEvent(String id, String name, String ocsf, List<String> sigmaCategories, List<String> sigmaServices,
            List<String> sources, long rules, Map<String, Long> byPlatform) {
    }

    @GetMapping(path = "/api/events", produces = MediaType.APPLICATION_JSON_VALUE)
    List<CanonicalEvent> events(Catalog catalog) {
        Map<String, Long> all = counts(catalog, "status:any");
        Map<String, Map<String, Long>> byPlatform = new LinkedHashMap<>();
        for (String platform : counts(catalog, "status:any", Facet.PLATFORM).keySet()) {
            byPlatform.put(platform, counts(catalog, "status:any platform:\"" + platform.replace("\"", "") + "\""));
        }
        List<CanonicalEvent> out = new ArrayList<>();
        for (EventVocabulary.CanonicalEvent e : vocabulary.events()) {
            Map<String, Long> split = new LinkedHashMap<>();
            byPlatform.forEach((platform, counts) -> {
                long n = counts.getOrDefault(e.name(), 0L);
                if (n > 0) {
                    split.put(platform, n);
                }
            });
            out.add(new CanonicalEvent(e.id(), e.name(), e.ocsf(), e.sigmaCategories(), e.services(), e.sources(),
                    all.getOrDefault(e.name(), 0L), split));
        }
        return out;
    }

    private Map<String, Long> counts(Catalog catalog, String q) {
        return counts(catalog, q, Facet.EVENT);
    }

    private Map<String, Long> counts(Catalog catalog, String q, Facet facet) {
        Map<String, Long> out = new LinkedHashMap<>();
        search.allFacetValues(catalog.index(), q, facet).forEach(c -> out.put(c.value(), c.count()));
        return out;
    }
}
