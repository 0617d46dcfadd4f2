package io.rulescope.web.search;

import java.util.List;

import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchResult;
import io.rulescope.system.Html;

/**
 * The two loops of a results page, the hits and the facet lists, written directly as the matrix grid is
 * ({@code MatrixHtml}): they were most of the page's Thymeleaf work (twenty hits with their badges, technique ids
 * and snippet pieces, about a hundred facet links), and hold no logic a template makes clearer. Every value from a
 * rule or a search is escaped here; counts are the only raw values. The markup is the one the template wrote.
 */
final class SearchHtml {

    /** Facet values shown before "Show N more". */
    static final int FACET_VALUES_SHOWN = 12;

    private SearchHtml() {
    }

    /** The items of the hit list. */
    static String hits(List<SearchResult.Hit> hits) {
        StringBuilder html = new StringBuilder(hits.size() * 700);
        for (SearchResult.Hit hit : hits) {
            RuleSummary rule = hit.rule();
            html.append("<li><a class=\"hit-title\" href=\"").append(Html.escape(rule.permalink())).append("\">")
                    .append(Html.escape(rule.title())).append("</a>\n<div class=\"hit-meta\"><span class=\"badge\">")
                    .append(Html.escape(rule.platform())).append("</span>");
            if (!isEmpty(rule.severity())) {
                String severity = Html.escape(rule.severity());
                html.append(" <span class=\"badge sev-").append(severity).append("\">").append(severity).append("</span>");
            }
            if (!isEmpty(rule.status())) {
                html.append(" <span class=\"badge\">").append(Html.escape(rule.status())).append("</span>");
            }
            for (String technique : rule.techniques()) {
                html.append(" <span class=\"tid\">").append(Html.escape(technique)).append("</span>");
            }
            html.append(" <span class=\"muted\">").append(Html.escape(rule.source())).append("</span></div>");
            if (!hit.snippet().isEmpty()) {
                html.append("\n<p class=\"snippet\">");
                for (SearchResult.Snippet piece : hit.snippet()) {
                    String tag = piece.hit() ? "mark" : "span";
                    html.append('<').append(tag).append('>').append(Html.escape(piece.text())).append("</").append(tag).append('>');
                }
                html.append("</p>");
            }
            html.append("</li>\n");
        }
        return html.toString();
    }

    /** One section per facet: its first values, the rest folded under "Show N more" with a link to every value. */
    static String facets(List<SearchViewHelper.FacetLinks> facets) {
        StringBuilder html = new StringBuilder(facets.size() * 1500);
        for (SearchViewHelper.FacetLinks facet : facets) {
            List<SearchViewHelper.FacetLink> values = facet.values();
            html.append("<section><h2>").append(Html.escape(facet.label())).append("</h2>\n<ul class=\"counts\">");
            values(html, values.subList(0, Math.min(FACET_VALUES_SHOWN, values.size())));
            html.append("</ul>\n");
            if (values.size() > FACET_VALUES_SHOWN) {
                html.append("<details class=\"more-facets\"><summary>Show ").append(values.size() - FACET_VALUES_SHOWN)
                        .append(" more</summary>\n<ul class=\"counts\">");
                values(html, values.subList(FACET_VALUES_SHOWN, values.size()));
                html.append("</ul>\n");
                if (facet.allHref() != null) {
                    html.append("<a href=\"").append(Html.escape(facet.allHref())).append("\" class=\"all-values-link\">Every value</a>");
                }
                html.append("</details>");
            }
            html.append("</section>\n");
        }
        return html.toString();
    }

    private static void values(StringBuilder html, List<SearchViewHelper.FacetLink> values) {
        for (SearchViewHelper.FacetLink value : values) {
            html.append("<li><a href=\"").append(Html.escape(value.href())).append("\">").append(Html.escape(value.value()))
                    .append("</a>\n<span class=\"count\">").append(value.count()).append("</span></li>");
        }
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}
