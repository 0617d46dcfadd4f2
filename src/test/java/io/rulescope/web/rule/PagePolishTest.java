package io.rulescope.web.rule;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** Small things readers trip over: invisible spaces in values, paging past the end, the theme toggle's markup. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PagePolishTest extends RunningApp {

    private static final String ENCODED_POWERSHELL_SIGMA = "d5f43b1a-7d93-45fd-8424-b595eb163184";

    @Test
    void indicatorValuesWithLeadingOrTrailingSpacesAreMarkedSoTheSpacesShow() throws Exception {
        HttpResponse<String> page = send("GET", "/rules/" + ENCODED_POWERSHELL_SIGMA, BROWSER_ACCEPT);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern("<code class=\"indicator-value padded\"[^>]*> -enc </code>");
        assertThat(page.body()).doesNotContainPattern("<code class=\"indicator-value padded\"[^>]*>powershell");
    }

    @Test
    void pagingPastTheLastPageSaysSoAndLinksToIt() throws Exception {
        HttpResponse<String> page = send("GET", "/search?q=T1059&page=999", BROWSER_ACCEPT);

        assertThat(page.body()).contains("is past the end", "Go to the last page").doesNotContain("Page 999 of");
        assertThat(send("GET", "/rules?page=999", BROWSER_ACCEPT).body()).contains("is past the end").doesNotContain("page 999 of");
    }

    @Test
    void everyPageOffersTheThemeToggleAndLoadsTheThemeBeforePainting() throws Exception {
        String body = send("GET", "/", BROWSER_ACCEPT).body();

        assertThat(body).contains("class=\"theme-toggle\"", "/js/theme.js");
        assertThat(body.indexOf("/js/theme.js")).isLessThan(body.indexOf("/js/app.js"));
    }

    @Test
    void aRulePageOffersToCopyItsQueryExactlyAsWritten() throws Exception {
        String body = send("GET", "/rules/" + ENCODED_POWERSHELL_SIGMA, BROWSER_ACCEPT).body();

        assertThat(body).contains(">Copy query</button>").contains("data-copy-text=\"title: PowerShell Launched With an Encoded Command", "CommandLine|windash|contains:");
    }

    @Test
    void aTechniquePageCountsRulesPerSubTechniqueAndLinksToSearchMatrixLayerAndCsv() throws Exception {
        String body = send("GET", "/techniques/T1059", BROWSER_ACCEPT).body();

        assertThat(body).containsPattern("<span class=\"count-badge\" title=\"[0-9]+ rules?\">[0-9]+</span> <a href=\"/techniques/T1059.001\"");
        assertThat(body).contains("/search?q=technique:T1059", "/attack?q=technique:T1059", "/api/navigator?q=technique:T1059&amp;download=1",
                "/export/search.csv?q=technique:T1059");
    }

    @Test
    void aTechniquePageCountsItsRulesPerPlatformAndTheCountsAddUpToItsTotal() throws Exception {
        String body = send("GET", "/techniques/T1059", BROWSER_ACCEPT).body();

        java.util.Map<String, Integer> counts = counts(body,
                "<a\\s+href=\"/search\\?q=technique:T1059%20platform:%22[^\"]*\">([^<]+)</a>\\s*<span class=\"count-badge\">([0-9]+)</span>");

        assertThat(counts).containsKeys("Splunk", "Sigma", "Microsoft Sentinel", "Elastic");
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ruleTotal(body));
    }

    @Test
    void aTechniquePageShowsEachRulesStatusAndFiltersByStatusWithCountsThatAddUp() throws Exception {
        String body = send("GET", "/techniques/T1059", BROWSER_ACCEPT).body();
        java.util.Map<String, Integer> counts = counts(body,
                "<a href=\"/techniques/T1059\\?status=([a-z]+)\">[a-z]+</a> <span class=\"count-badge\">([0-9]+)</span>");

        assertThat(body).contains("<th scope=\"col\">Status</th>");
        assertThat(counts).hasSizeGreaterThan(1);
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ruleTotal(body));
        for (var entry : counts.entrySet()) {
            String filtered = send("GET", "/techniques/T1059?status=" + entry.getKey(), BROWSER_ACCEPT).body();
            assertThat(ruleTotal(filtered)).as(entry.getKey()).isEqualTo(entry.getValue());
            java.util.regex.Matcher cells = java.util.regex.Pattern.compile("<td><span class=\"(?:status[^\"]*|badge warn)\">([a-z]+)</span></td>").matcher(filtered);
            int rows = 0;
            while (cells.find()) {
                assertThat(cells.group(1)).isEqualTo(entry.getKey());
                rows++;
            }
            assertThat(rows).as("rows with status %s", entry.getKey()).isEqualTo(entry.getValue());
        }
    }

    /** Each (name, count) the pattern's two groups find on a page, in page order. */
    private static java.util.Map<String, Integer> counts(String page, String pattern) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(page);
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return counts;
    }

    private static int ruleTotal(String page) {
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("Rules <span class=\"muted\">\\(([0-9]+)\\)</span>").matcher(page);
        assertThat(total.find()).isTrue();
        return Integer.parseInt(total.group(1));
    }

    @Test
    void analyticStoriesLinkToAPageOfTheirRules() throws Exception {
        String rule = send("GET", "/api/search?q=" + java.net.URLEncoder.encode("story:\"Azure Active Directory Persistence\"",
                java.nio.charset.StandardCharsets.UTF_8), "application/json").body();
        assertThat(JsonAnswer.of(rule).root().path("total").asInt()).isPositive();

        String permalink = JsonAnswer.of(rule).root().path("hits").path(0).path("permalink").asString();
        assertThat(send("GET", permalink, BROWSER_ACCEPT).body()).containsPattern("<a\\s+href=\"/stories/Azure%20Active%20Directory%20Persistence\">Azure Active Directory Persistence</a>");
        HttpResponse<String> story = send("GET", "/stories/Azure%20Active%20Directory%20Persistence", BROWSER_ACCEPT);
        assertThat(story.statusCode()).isEqualTo(200);
        assertThat(story.body()).contains("Analytic story", "Azure Active Directory Persistence");
        assertThat(send("GET", "/stories/No%20Such%20Story", BROWSER_ACCEPT).statusCode()).isEqualTo(404);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} is an empty page, not an error")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "/sources/a%22b", "/stories/%22", "/datasources/%22%20OR%20%22x" })
    void namesWithQuotesAndBackslashesFindNothingRatherThanFailing(String path) throws Exception {
        HttpResponse<String> page = send("GET", path, BROWSER_ACCEPT);

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No rule in the catalog has this");
    }

    @Test
    void theRuleListAsksTheSearchForItsConfiguredPageSize() throws Exception {
        String body = send("GET", "/rules", BROWSER_ACCEPT).body();
        java.util.regex.Matcher rows = java.util.regex.Pattern.compile("<tr>\\s*<td><a href=\"/rules/").matcher(body);
        int n = 0;
        while (rows.find()) {
            n++;
        }

        assertThat(n).isEqualTo(Math.min(50, ingest.report().totals().rules()));
        assertThat(send("GET", "/rules?size=7", BROWSER_ACCEPT).body()).containsPattern("page <span>1</span> of <span>" + (ingest.report().totals().rules() + 6) / 7 + "</span>");
    }

    @Test
    void eachSimilarRuleLinksToAComparisonOfTheTwo() throws Exception {
        String body = send("GET", "/rules/" + ENCODED_POWERSHELL_SIGMA, BROWSER_ACCEPT).body();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/compare/rules\\?a=" + ENCODED_POWERSHELL_SIGMA
                + "&amp;b=[^\"]+)\">compare the two</a>").matcher(body);

        assertThat(link.find()).as("a compare link on the rule page").isTrue();
        HttpResponse<String> compare = send("GET", link.group(1).replace("&amp;", "&"), BROWSER_ACCEPT);
        assertThat(compare.statusCode()).isEqualTo(200);
        assertThat(compare.body()).contains("PowerShell Launched With an Encoded Command", "id=\"compare-indicators\"");
    }

    @Test
    void comparingTwoSearchesCountsOneRuleInTheSingular() throws Exception {
        HttpResponse<String> compare = send("GET", "/compare?a=id:" + ENCODED_POWERSHELL_SIGMA + "&b=T1059", BROWSER_ACCEPT);

        assertThat(compare.statusCode()).isEqualTo(200);
        assertThat(compare.body()).contains("<strong>1</strong> <span>rule</span>").contains("class=\"primary\">Compare</button>");
    }

    @Test
    void facetListsShowADozenValuesAndFoldTheRestUnderShowMore() throws Exception {
        String q = java.net.URLEncoder.encode("platform:Sigma OR platform:Splunk", java.nio.charset.StandardCharsets.UTF_8);
        String body = send("GET", "/search?q=" + q, BROWSER_ACCEPT).body();
        JsonAnswer answer = JsonAnswer.of(send("GET", "/api/search?q=" + q, "application/json").body());

        int techniques = answer.facetSize("technique");
        assertThat(techniques).as("technique values in the answer %s", answer.root().path("facets")).isGreaterThan(12);
        assertThat(body).contains("Show " + (techniques - 12) + " more");
    }

    /** The few fields of a search answer this test reads. */
    record JsonAnswer(tools.jackson.databind.JsonNode root) {
        static JsonAnswer of(String body) {
            return new JsonAnswer(tools.jackson.databind.json.JsonMapper.builder().build().readTree(body));
        }

        int facetSize(String facet) {
            return root.path("facets").path(facet).size();
        }
    }
}
