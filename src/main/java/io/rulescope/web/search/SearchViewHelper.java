package io.rulescope.web.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import io.rulescope.search.Facet;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;

/** Exposed to templates as {@code @searchView}: the facet lists of a result page, each value linking to the narrowed search. */
@Component("searchView")
public class SearchViewHelper {

    /** The query narrowed by one facet value: {@code q platform:Sigma}, quoted where the value needs it. */
    static String narrow(String q, Facet facet, String value) {
        String quoted = value.matches("[\\w.:\\-]+") ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return (q == null ? "" : q.strip() + " ") + facet.filter() + ":" + quoted;
    }

    /**
     * One facet as the results page lists it.
     *
     * @param allHref the page of every value, when this list may be cut short; else null
     */
    public record FacetLinks(String label, List<FacetLink> values, String allHref) {

        /** How many values show before the rest fold under "Show N more". */
        static final int SHOWN = 12;

        /** The values shown at once; the page loops over these and {@link #folded()}, not over every value twice. */
        public List<FacetLink> shown() {
            return values.subList(0, Math.min(SHOWN, values.size()));
        }

        public List<FacetLink> folded() {
            return values.size() > SHOWN ? values.subList(SHOWN, values.size()) : List.of();
        }
    }

    /** @param href the search narrowed by this value, already encoded */
    public record FacetLink(String value, long count, String href) {
    }

    /**
     * The facet links of a result page, made here rather than with a link expression per value: a page has about a
     * hundred, and Thymeleaf's link expressions were a third of its rendering (JFR).
     */
    public List<FacetLinks> facetLinks(String q, SearchResult result) {
        List<FacetLinks> out = new ArrayList<>();
        String sort = UriUtils.encodeQueryParam(result.sort(), StandardCharsets.UTF_8);
        result.facets().forEach((facet, counts) -> {
            if (!counts.isEmpty()) {
                String all = counts.size() >= SearchService.facetValuesKept() ? "/search/facet?q=" + UriUtils.encodeQueryParam(q, StandardCharsets.UTF_8)
                        + "&facet=" + facet.filter() : null;
                out.add(new FacetLinks(label(facet), links(q, facet, counts, sort), all));
            }
        });
        return out;
    }

    /** Each value linking to the search narrowed by it. */
    static List<FacetLink> links(String q, Facet facet, List<SearchResult.FacetCount> counts, String encodedSort) {
        return counts.stream().map(c -> new FacetLink(c.value(), c.count(), "/search?q="
                + UriUtils.encodeQueryParam(narrow(q, facet, c.value()), StandardCharsets.UTF_8) + "&sort=" + encodedSort)).toList();
    }

    public String label(Facet facet) {
        return switch (facet) {
            case DATASOURCE -> "Data source";
            case TECHNIQUE -> "Technique";
            default -> facet.name().charAt(0) + facet.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }
}
