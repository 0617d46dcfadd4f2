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

    /** Severity values from most to least severe; a severity facet lists them in this order, not by count. */
    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "informational", "info");
    /** A filter clause of a search as facet links write it, so the page can offer to remove it. */
    private static final java.util.regex.Pattern FILTER_CLAUSE = java.util.regex.Pattern.compile(
            "(?<![\\w\\-])-?(platform|source|status|severity|technique|tactic|datasource|event|logsource|language|story|product|service|category)"
            + ":(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s()\"]+)");

    private final io.rulescope.attack.AttackCatalog attack;

    public SearchViewHelper(io.rulescope.attack.AttackCatalog attack) {
        this.attack = attack;
    }

    /** An active filter of the search, shown as a chip whose link is the search without it. */
    public record ActiveFilter(String name, String value, boolean excluded, String withoutHref) {
    }

    /** The filters a search holds ({@code platform:Sigma}), each with the search that drops it. */
    public List<ActiveFilter> activeFilters(String q) {
        List<ActiveFilter> out = new ArrayList<>();
        if (q == null) {
            return out;
        }
        java.util.regex.Matcher m = FILTER_CLAUSE.matcher(q);
        while (m.find()) {
            String without = (q.substring(0, m.start()) + q.substring(m.end())).replaceAll("\\s+", " ").strip();
            String value = m.group(2).startsWith("\"") ? m.group(2).substring(1, m.group(2).length() - 1).replace("\\\"", "\"") : m.group(2);
            out.add(new ActiveFilter(m.group(1), value, m.group().startsWith("-"),
                    without.isEmpty() ? "/rules" : "/search?q=" + UriUtils.encodeQueryParam(without, StandardCharsets.UTF_8)));
        }
        return out;
    }

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

    /**
     * @param label the value as people read it ({@code T1059.001 Command and Scripting Interpreter: PowerShell})
     * @param href the search narrowed by this value, already encoded
     */
    public record FacetLink(String value, String label, long count, String href) {
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
                out.add(new FacetLinks(label(facet), links(q, facet, ordered(facet, counts), sort, this::valueLabel), all));
            }
        });
        return out;
    }

    /** Each value linking to the search narrowed by it, labelled for people (a technique with its name). */
    static List<FacetLink> links(String q, Facet facet, List<SearchResult.FacetCount> counts, String encodedSort,
            java.util.function.BiFunction<Facet, String, String> label) {
        return counts.stream().map(c -> new FacetLink(c.value(), label.apply(facet, c.value()), c.count(), "/search?q="
                + UriUtils.encodeQueryParam(narrow(q, facet, c.value()), StandardCharsets.UTF_8) + "&sort=" + encodedSort)).toList();
    }

    /** Severities from critical down; every other facet keeps the most rules first. */
    static List<SearchResult.FacetCount> ordered(Facet facet, List<SearchResult.FacetCount> counts) {
        if (facet != Facet.SEVERITY) {
            return counts;
        }
        return counts.stream().sorted(java.util.Comparator.comparingInt(c -> {
            int rank = SEVERITIES.indexOf(c.value().toLowerCase(java.util.Locale.ROOT));
            return rank < 0 ? SEVERITIES.size() : rank;
        })).toList();
    }

    /** A technique id with its name where the loaded ATT&CK has it; every other value as it is. */
    public String valueLabel(Facet facet, String value) {
        if (facet != Facet.TECHNIQUE) {
            return value;
        }
        return attack.technique(value).filter(t -> t.name() != null).map(t -> value + " " + attack.displayName(t)).orElse(value);
    }

    public String label(Facet facet) {
        return switch (facet) {
            case DATASOURCE -> "Data source";
            case TECHNIQUE -> "Technique";
            default -> facet.name().charAt(0) + facet.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        };
    }
}
