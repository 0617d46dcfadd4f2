package io.rulescope.web.ingest;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.EventTables;
import io.rulescope.indicator.EventVocabulary;
import io.rulescope.ingest.IngestService;
import io.rulescope.search.Facet;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;

@Controller
class IngestController {

    private final IngestService ingest;
    private final SearchService search;
    private final EventVocabulary vocabulary;

    IngestController(IngestService ingest, SearchService search, EventTables tables) {
        this.ingest = ingest;
        this.search = search;
        this.vocabulary = tables.vocabulary();
    }

    @GetMapping("/ingest")
    String page(Catalog catalog, Model model) {
        model.addAttribute("report", ingest.report(catalog.audience()));
        model.addAttribute("refreshing", ingest.refreshInProgress(catalog.audience()));
        model.addAttribute("refreshes", ingest.refreshes(catalog.audience()));
        model.addAttribute("unmapped", unmappedEvents(catalog));
        return "ingest";
    }

    /**
     * The events rules read that the event vocabulary names no behaviour for, most rules first: what the vocabulary
     * should learn next, and why those rules are missing from comparisons by canonical event.
     */
    private List<SearchResult.FacetCount> unmappedEvents(Catalog catalog) {
        if (!catalog.isReady()) {
            return List.of();
        }
        return search.allFacetValues(catalog.index(), "status:any", Facet.LOGGED_EVENT).stream()
                .filter(c -> vocabulary.placementOf(c.value()) == EventVocabulary.Placement.UNMAPPED).toList();
    }
}
