package io.rulescope.web.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchResult;

import static org.assertj.core.api.Assertions.assertThat;

class SearchHtmlTest {

    private static final String HOSTILE = "x\" onmouseover=\"alert(1)<script>&'";

    private static SearchResult.Hit hit(String title, String severity, String status, List<String> techniques, SearchResult.Snippet... snippet) {
        return new SearchResult.Hit(new RuleSummary("u1", "r-1", title, "Sigma", severity, status, "sigma", techniques, "d", ""), List.of(snippet));
    }

    @Test
    void aHitShowsItsLinkBadgesTechniquesSourceAndHighlightedSnippet() {
        String html = SearchHtml.hits(List.of(hit("Encoded PowerShell", "high", "test", List.of("T1059.001", "T1027"),
                new SearchResult.Snippet("runs ", false), new SearchResult.Snippet("powershell", true))));

        assertThat(html).isEqualTo("""
                <li><a class="hit-title" href="/rules/r-1">Encoded PowerShell</a>
                <div class="hit-meta"><span class="badge">Sigma</span> <span class="badge sev-high">high</span> \
                <span class="badge">test</span> <span class="tid">T1059.001</span> <span class="tid">T1027</span> \
                <span class="muted">sigma</span></div>
                <p class="snippet"><span>runs </span><mark>powershell</mark></p></li>
                """);
    }

    @Test
    void aHitWithoutSeverityStatusOrSnippetLeavesThemOut() {
        String html = SearchHtml.hits(List.of(hit("Plain", null, "", List.of())));

        assertThat(html).isEqualTo("""
                <li><a class="hit-title" href="/rules/r-1">Plain</a>
                <div class="hit-meta"><span class="badge">Sigma</span> <span class="muted">sigma</span></div></li>
                """);
    }

    @Test
    void everyValueARuleBringsIsEscapedInTextAndAttributes() {
        String html = SearchHtml.hits(List.of(new SearchResult.Hit(new RuleSummary("u", HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE,
                HOSTILE, List.of(HOSTILE), HOSTILE, ""), List.of(new SearchResult.Snippet(HOSTILE, true), new SearchResult.Snippet(HOSTILE, false)))));
        String facets = SearchHtml.facets(List.of(new SearchViewHelper.FacetLinks(HOSTILE,
                List.of(new SearchViewHelper.FacetLink(HOSTILE, 1, "/search?q=" + HOSTILE)), null)));

        for (String out : List.of(html, facets)) {
            assertThat(out).doesNotContain("<script", "\" onmouseover", "'").contains("&lt;script&gt;&amp;");
        }
    }

    /** The facet lists must stay what the Thymeleaf fragment the browse pages still use writes, tag for tag. */
    @Test
    void theFacetListsAreWhatTheTemplateFragmentWrites() {
        List<SearchViewHelper.FacetLink> many = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            many.add(new SearchViewHelper.FacetLink("T10" + i + " \"q\" <b>", 100 - i, "/search?q=technique:T10" + i + "&sort=relevance"));
        }
        List<SearchViewHelper.FacetLinks> facets = List.of(
                new SearchViewHelper.FacetLinks("Platform", List.of(new SearchViewHelper.FacetLink("Sigma", 3, "/search?q=platform:Sigma&sort=title")), null),
                new SearchViewHelper.FacetLinks("Technique", many, "/search/facet?q=x&facet=technique"),
                new SearchViewHelper.FacetLinks("Status", many.subList(0, 13), null));

        assertThat(normalised(SearchHtml.facets(facets))).isEqualTo(normalised(fragment(facets)));
    }

    private static String fragment(List<SearchViewHelper.FacetLinks> facets) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        StringBuilder out = new StringBuilder();
        for (SearchViewHelper.FacetLinks f : facets) {
            out.append("<section>").append(engine.process("fragments/lists", Set.of("facetList"), new Context(null, Map.of("f", f))))
                    .append("</section>");
        }
        return out.toString();
    }

    /** Whitespace between tags and inside tag text runs is layout, not markup. */
    private static String normalised(String html) {
        return html.replaceAll(">\\s+", ">").replaceAll("\\s+<", "<").replaceAll("\\s+", " ").strip();
    }
}
