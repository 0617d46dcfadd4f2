package io.rulescope.web.search;

import java.util.List;

import io.rulescope.catalog.Catalog;
import io.rulescope.search.Facet;
import io.rulescope.search.LuceneQueries;
import io.rulescope.search.SearchBusyException;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;
import io.rulescope.web.ListingProperties;
import io.rulescope.web.PageProblems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The search box: {@code /search?q=} for people and {@code /api/search?q=} for tools. The URL holds all state. */
@Controller
class SearchController {

    private final SearchService search;
    private final ListingProperties listing;
    private final SearchViewHelper view;

    SearchController(SearchService search, ListingProperties listing, SearchViewHelper view) {
        this.search = search;
        this.listing = listing;
        this.view = view;
    }

    @GetMapping("/search")
    String page(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) Integer size, @RequestParam(defaultValue = "relevance") String sort, Catalog catalog,
            Model model, HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sorts", SearchService.SORTS);
        if (q == null || q.isBlank()) {
            return "search";
        }
        String id = q.strip();
        if (LuceneQueries.RULE_ID.matcher(id).matches()) {
            // A rule id is a permalink typed into the search box: open the rule (its page lists rules sharing the id).
            for (String candidate : List.of(id, id.toLowerCase(java.util.Locale.ROOT))) {
                if (!catalog.rules().withId(candidate).isEmpty()) {
                    return "redirect:/rules/" + org.springframework.web.util.UriUtils.encodePathSegment(candidate, java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        model.addAttribute("wouldMatch", page == 1 ? wouldMatch(catalog, q) : List.of());
        try {
            model.addAttribute("result", search.search(catalog.index(), q, page, ListingProperties.sizeOr(size, listing.searchPageSize()), sort));
        } catch (SearchBusyException | SearchSyntaxException e) {
            PageProblems.showInPlace(e, model, response);
            if (e.position() != null) {
                int at = Math.max(0, Math.min(e.position(), q.length()));
                model.addAttribute("errorPosition", at);
                model.addAttribute("errorBefore", q.substring(0, at));
                model.addAttribute("errorAfter", q.substring(at));
            }
        }
        return "search";
    }

    /** A pasted {@code field=value} with no wildcard: besides the rules testing that value, those that would match it. */
    private static final java.util.regex.Pattern PASTED_VALUE = java.util.regex.Pattern.compile("\\s*([A-Za-z_@][\\w.@/-]{0,127})\\s*=\\s*(.+?)\\s*");

    static final int WOULD_MATCH_LIMIT = 100;

    static List<io.rulescope.match.EventMatcher.ValueMatch> wouldMatch(Catalog catalog, String q) {
        java.util.regex.Matcher m = q == null || q.length() > 4_096 ? null : PASTED_VALUE.matcher(q);
        if (m == null || !m.matches()) {
            return List.of();
        }
        String value = m.group(2);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            return List.of();
        }
        return catalog.matcher().predicatesAccepting(m.group(1), value, WOULD_MATCH_LIMIT);
    }

    /** Every value of one facet of a search, where the results page shows the first fifty. */
    @GetMapping("/search/facet")
    String facet(@RequestParam(required = false) String q, @RequestParam String facet, Catalog catalog, Model model,
            HttpServletResponse response) {
        java.util.Optional<Facet> chosen = java.util.Arrays.stream(Facet.values()).filter(f -> f.visible() && f.filter().equals(facet)).findFirst();
        if (chosen.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", facet.length() > 40 ? facet.substring(0, 40) + "…" : facet);
            return "search-facet";
        }
        String query = q == null ? "" : q;
        model.addAttribute("q", query);
        model.addAttribute("label", view.label(chosen.get()));
        model.addAttribute("values", SearchViewHelper.links(query, chosen.get(),
                SearchViewHelper.ordered(chosen.get(), search.allFacetValues(catalog.index(), query, chosen.get())), "relevance", view::valueLabel));
        return "search-facet";
    }

    @GetMapping("/search/help")
    String help() {
        return "search-help";
    }

}
