package io.rulescope.web.rule;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two rules side by side. Expected values were read off the two rules we ship (content/rules): the Sigma rule lists
 * ' -e ', ' -en ', ' -enc ', ' -encodedcommand ' on CommandLine; the SPL rule ' -ec ', ' -enc ', ' -encodedcommand '
 * on Processes.process. Folded, both are process.command_line, so exactly two values are shared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RuleComparePageTest extends RunningApp {

    private static final String SIGMA = "d5f43b1a-7d93-45fd-8424-b595eb163184";
    private static final String SPLUNK = "5b220c85-d411-4f51-b7bf-45e2bfb9eb95";

    private static String between(String body, String from, String to) {
        return body.substring(body.indexOf(from), body.indexOf(to, body.indexOf(from)));
    }

    @Test
    void aSigmaAndAnSplRuleShareTheIndicatorsTheyTestOnTheSameFoldedField() throws Exception {
        String body = send("GET", "/compare/rules?a=" + SIGMA + "&b=" + SPLUNK, BROWSER_ACCEPT).body();
        String indicators = between(body, "id=\"compare-indicators\"", "id=\"compare-stages\"");

        assertThat(indicators).contains("<strong>2</strong> shared", "<strong>7</strong> only in A", "<strong>3</strong> only in B");
        String shared = indicators.substring(indicators.indexOf("<h3>Shared</h3>"), indicators.indexOf("<h3>Only in A</h3>"));
        assertThat(shared).contains("process.command_line", "> -enc </code>", "> -encodedcommand </code>").doesNotContain("> -e </code>");
        assertThat(indicators.substring(indicators.indexOf("<h3>Only in B</h3>"))).contains("> -ec </code>");
    }

    @Test
    void factsThatDifferAreMarkedAndSharedTechniquesAreListedOnce() throws Exception {
        String body = send("GET", "/compare/rules?a=" + SIGMA + "&b=" + SPLUNK, BROWSER_ACCEPT).body();

        assertThat(body).containsPattern("<tr class=\"differs\">\\s*<th scope=\"row\">Platform</th><td>Sigma</td><td>Splunk</td>");
        assertThat(body).containsPattern("<tr>\\s*<th scope=\"row\">Severity</th><td>medium</td><td>medium</td>");
        String attack = between(body, "id=\"compare-attack\"", "id=\"compare-indicators\"");
        assertThat(attack).contains("<span>In both</span> <span class=\"muted\">(2)</span>", "T1059.001", "T1027",
                "<span>Only in A</span> <span class=\"muted\">(0)</span>");
        assertThat(between(body, "id=\"compare-events\"", "</main>")).contains("<span>Only A</span> <span class=\"muted\">(1)</span>", "Event ID 4688");
    }

    @Test
    void theRulePageOffersToCompareWithItsSimilarRulesOrAnyRuleFoundByWords() throws Exception {
        String rule = send("GET", "/rules/" + SIGMA, BROWSER_ACCEPT).body();
        assertThat(rule).contains("href=\"/compare/rules?a=" + SIGMA + "\">Compare with…</a>");

        String pick = send("GET", "/compare/rules?a=" + SIGMA, BROWSER_ACCEPT).body();
        assertThat(pick).contains("Its similar rules", "href=\"/compare/rules?a=" + SIGMA + "&amp;b=" + SPLUNK + "\"");
        String found = send("GET", "/compare/rules?a=" + SIGMA + "&b=lsass%20dump", BROWSER_ACCEPT).body();
        assertThat(found).contains("Rules matching <q>lsass dump</q>", "LSASS dumped through comsvcs.dll MiniDump");
    }

    @Test
    void aPermalinkWorksAsAReferenceAndSwappingPutsBOnTheLeft() throws Exception {
        String body = send("GET", "/compare/rules?a=" + SIGMA + "&b=https%3A%2F%2Fexample.org%2Frules%2F" + SPLUNK, BROWSER_ACCEPT).body();

        assertThat(body).contains("<span class=\"side\">B</span> <a href=\"/rules/" + SPLUNK + "\">");
        assertThat(body).contains("href=\"/compare/rules?a=" + SPLUNK + "&amp;b=" + SIGMA + "\">Swap A and B</a>");
    }

    @Test
    void anUnknownRuleIs404AndAMalformedSearchFor400() throws Exception {
        HttpResponse<String> missing = send("GET", "/compare/rules?a=no-such-rule", BROWSER_ACCEPT);
        HttpResponse<String> malformed = send("GET", "/compare/rules?a=" + SIGMA + "&b=title:(x", BROWSER_ACCEPT);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("No rule in the catalog has the id");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("role=\"alert\"");
    }

    @Test
    void theApiGivesTheSameComparisonForTools() throws Exception {
        var answer = json("/api/compare/rules?a=" + SIGMA + "&b=" + SPLUNK);

        assertThat(answer.path("left").path("platform").asString()).isEqualTo("Sigma");
        assertThat(answer.path("right").path("permalink").asString()).isEqualTo("/rules/" + SPLUNK);
        assertThat(answer.path("indicators").path("both").size()).isEqualTo(2);
        assertThat(answer.path("indicators").path("onlyLeft").size()).isEqualTo(7);
        assertThat(answer.path("indicators").path("onlyRight").size()).isEqualTo(3);
        assertThat(answer.path("indicators").path("both").path(0).path("field").asString()).isEqualTo("process.command_line");
        assertThat(answer.path("techniques").path("both").size()).isEqualTo(2);
        assertThat(answer.path("facts").path(0).path("name").asString()).isEqualTo("Platform");
        assertThat(answer.path("facts").path(0).path("differs").asBoolean()).isTrue();
        assertThat(answer.path("techniques").has("empty")).isFalse();
        assertThat(send("GET", "/api/compare/rules?a=" + SIGMA + "&b=nope", "application/json").statusCode()).isEqualTo(404);
    }
}
