package io.rulescope.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.rulescope.RunningApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * A search means what its user meant, says so when that differs from how it was typed, and means the same set of
 * rules on every page that takes it: results, CSV and JSON exports, the Navigator layer and the matrix. Expected
 * counts come from the embedded rules (content/rules).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchReadingTest extends RunningApp {

    private static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private JsonNode search(String query) throws Exception {
        return json("/api/search?size=100&q=" + q(query));
    }

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource(delimiterString = ";;", textBlock = """
            -enc                                ;; "-enc"
            powershell -enc                     ;; powershell -enc
            platform:sentinel                   ;; platform:"Microsoft Sentinel"
            CommandLine|contains:encodedcommand ;; CommandLine=*encodedcommand*
            T1059                               ;; technique:T1059
            """)
    void everyExportOfASearchHoldsTheRulesItsPageLists(String query, String meaning) throws Exception {
        long total = search(query).path("total").asLong();
        assertThat(total).as("the search finds something to compare").isPositive();
        assertThat(search(meaning).path("total").asLong()).isEqualTo(total);

        long csvRows = send("GET", "/export/search.csv?q=" + q(query), "*/*").body().lines().count() - 1;
        assertThat(csvRows).isEqualTo(total);
        assertThat(json("/export/search.json?q=" + q(query)).path("total").asLong()).isEqualTo(total);
        assertThat(json("/api/navigator?q=" + q(query)).path("description").asString()).startsWith(total + (total == 1 ? " rule " : " rules "));
        assertThat(coveredTechniques(query)).isEqualTo(coveredTechniques(meaning));
    }

    private String coveredTechniques(String query) throws Exception {
        String matrix = send("GET", "/attack?q=" + q(query), BROWSER_ACCEPT).body();
        int at = matrix.indexOf("</strong> of ");
        return matrix.substring(matrix.lastIndexOf('>', at) + 1, at);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = ";;", textBlock = """
            powershell -enc                     ;; Read -enc as leaving out the rules that mention “enc”.                       ;; powershell "-enc"
            powershell -enc -encodedcommand     ;; Read -enc, -encodedcommand as leaving out                                    ;; powershell "-enc" "-encodedcommand"
            CommandLine|contains:encodedcommand ;; Sigma's syntax, as CommandLine=*encodedcommand*                              ;;
            CommandLine|contains                ;; as the rules that test CommandLine                                           ;;
            platform:Sentinel                   ;; Read platform:Sentinel as platform:"Microsoft Sentinel".                     ;;
            platform:splnk                      ;; No rule has platform “splnk”.                                                ;; platform:Splunk
            severity:HIGH lsass                 ;;                                                                              ;;
            """)
    void aSearchReadDifferentlyFromHowItWasTypedSaysSoWithTheOtherReadingOneClickAway(String query, String note, String instead)
            throws Exception {
        JsonNode answer = search(query);

        if (note == null) {
            assertThat(answer.path("notes").isEmpty()).as("a search read as typed has no note").isTrue();
        } else {
            assertThat(answer.path("notes").valueStream().map(JsonNode::asString)).anySatisfy(n -> assertThat(n).contains(note));
        }
        if (instead != null) {
            assertThat(answer.path("instead").valueStream().map(i -> i.path("query").asString())).contains(instead);
            String page = send("GET", "/search?q=" + q(query), BROWSER_ACCEPT).body();
            String line = page.substring(page.indexOf("class=\"search-instead\""));
            String href = line.substring(line.indexOf("href=\"") + 6, line.indexOf('"', line.indexOf("href=\"") + 6));
            assertThat(java.net.URLDecoder.decode(org.springframework.web.util.HtmlUtils.htmlUnescape(href), StandardCharsets.UTF_8))
                    .isEqualTo("/search?q=" + instead);
        }
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @CsvSource(delimiterString = ";;", textBlock = """
            platform:sentinel                   ;; Microsoft Sentinel
            platform:Elastic                    ;; Elastic
            platform:SPLUNK                     ;; Splunk
            CommandLine|contains:encodedcommand ;; Sigma
            """)
    void filterValuesTakeTheirCommonNamesAndSigmaFieldSyntaxFindsTheSigmaRules(String query, String platform) throws Exception {
        JsonNode answer = search(query);

        assertThat(answer.path("total").asLong()).isPositive();
        assertThat(answer.path("facets").path("platform").has(platform)).as(answer.path("facets").toString()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void dataSourceAndStoryPagesAlsoTakeTheNameAsAParameterForNamesWithASlash() throws Exception {
        assertThat(send("GET", "/datasources?name=" + q("AWS CloudTrail StopLogging"), BROWSER_ACCEPT))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(200))
                .satisfies(r -> assertThat(r.body()).contains("AWS CloudTrail Logging Disabled"));
        assertThat(send("GET", "/datasources?name=" + q("No/Such Source"), BROWSER_ACCEPT).statusCode()).isEqualTo(404);
    }

    @org.junit.jupiter.api.Test
    void theResultsPageShowsEachActiveFilterAsAChipThatRemovesIt() throws Exception {
        String page = send("GET", "/search?q=" + q("vssadmin platform:Splunk"), BROWSER_ACCEPT).body();

        assertThat(page).contains("class=\"active-filters\"", "<span>platform: Splunk</span>", "href=\"/search?q=vssadmin\"",
                "aria-label=\"Remove the filter platform Splunk\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = ";;", textBlock = """
            vssad           ;; Windows Shadow Copy Deletion via Vssadmin
            shadow copy del ;; Windows Shadow Copy Deletion via Vssadmin
            """)
    void typeAheadSuggestsRulesFromTheStartOfAWord(String typed, String title) throws Exception {
        assertThat(json("/api/suggest?q=" + q(typed)).path("rules").valueStream().map(r -> r.path("title").asString())).contains(title);
    }
}
