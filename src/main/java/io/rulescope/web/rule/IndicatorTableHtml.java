package io.rulescope.web.rule;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.web.util.UriUtils;

import io.rulescope.indicator.RuleAnatomy;
import io.rulescope.system.Html;

/**
 * The rows of a rule page's indicator table, written directly as the matrix grid and the search hits are: a rule's
 * values (up to fifty a group, every one on {@code ?values=all}) with their corpus links were the largest loop of
 * the page's Thymeleaf work, which was three quarters of a rule page's CPU (JFR, distinct rule pages). Every value
 * from a rule is escaped here; counts are the only raw values. The markup is the one the template wrote.
 */
final class IndicatorTableHtml {

    private IndicatorTableHtml() {
    }

    /** @param permalink the rule's own link, for "Show all values" */
    static String rows(List<RuleAnatomy.IndicatorGroup> groups, boolean allValues, String permalink) {
        StringBuilder html = new StringBuilder(groups.size() * 600);
        for (RuleAnatomy.IndicatorGroup group : groups) {
            String field = group.field();
            html.append("<tr>\n<td><a href=\"").append(Html.escape(fieldHref(field))).append("\"><code>")
                    .append(Html.escape(group.dataModel() != null ? group.dataModel() + "." + field : field)).append("</code></a>");
            if (group.canonicalIfDifferent() != null) {
                html.append("\n<div class=\"muted\">canonical <code>").append(Html.escape(group.canonicalIfDifferent())).append("</code></div>");
            }
            if (!group.modifiers().isEmpty()) {
                html.append("\n<div class=\"muted\">").append(Html.escape("modifiers: " + String.join(", ", group.modifiers()))).append("</div>");
            }
            String polarity = Html.escape(group.polarity());
            html.append("</td>\n<td><code>").append(Html.escape(group.kind())).append("</code></td>\n<td><span class=\"polarity ")
                    .append(polarity).append("\">").append(polarity).append("</span></td>\n<td colspan=\"2\" class=\"values\"><ul class=\"plain\">");
            for (RuleAnatomy.ValueCount value : group.shown(allValues)) {
                value(html, value);
            }
            html.append("\n</ul>");
            int hidden = group.hidden(allValues);
            if (hidden > 0) {
                html.append("\n<p class=\"more-values\"><a href=\"").append(Html.escape(permalink + "?values=all#indicators"))
                        .append("\">Show all ").append(group.values().size()).append(" values (").append(hidden).append(" more)</a></p>");
            }
            html.append("</td>\n</tr>\n");
        }
        return html.toString();
    }

    /** A value in a box (marked when it has edge spaces, which the box shows), and its corpus count linking to the rules. */
    private static void value(StringBuilder html, RuleAnatomy.ValueCount value) {
        String text = value.value();
        boolean padded = text != null && !text.equals(text.strip());
        html.append("\n<li><code class=\"indicator-value").append(padded ? " padded\"" : "\"");
        if (padded) {
            html.append(" title=\"the value has leading or trailing spaces, shown inside the box\"");
        }
        html.append('>').append(text != null ? Html.escape(text) : "(no value)").append("</code>\n<a class=\"corpus\" href=\"")
                .append(Html.escape(value.href())).append("\" title=\"").append(Html.escape(value.corpusTitle())).append("\">")
                .append(value.corpus()).append("</a></li>");
    }

    /** A field's page; a field name with a slash (a Kusto column path) goes as a parameter, since a path cannot hold it. */
    static String fieldHref(String field) {
        return field.contains("/") ? "/fields?name=" + UriUtils.encodeQueryParam(field, StandardCharsets.UTF_8)
                : "/fields/" + UriUtils.encodePathSegment(field, StandardCharsets.UTF_8);
    }
}
