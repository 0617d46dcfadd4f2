package io.rulescope.search;

import org.springframework.stereotype.Component;

/** Exposed to templates as {@code @searchView}: builds the narrowed query behind each facet link. */
@Component("searchView")
public class SearchViewHelper {

    public String narrow(String q, Facet facet, String value) {
        return SearchController.narrow(q, facet, value);
    }

    public String label(Facet facet) {
        return switch (facet) {
            case DATASOURCE -> "Data source";
            case TECHNIQUE -> "Technique";
            default -> facet.name().charAt(0) + facet.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }
}
