package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import tools.jackson.databind.JsonNode;

/** The Sentinel and Elastic rules of the embedded content, through real HTTP: API, rule pages and search. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NewFormatsEndToEndTest extends RunningApp {

    private static final String SENTINEL_LSASS = "2f9d0a61-3b7e-4c55-8e1a-6d4b9c7f0e22";
    private static final String ELASTIC_COMSVCS = "5b8e1f0c-2d7a-4e39-9a61-0c4f7d2e8b13";
    private static final String ELASTIC_ESQL = "c3a9e27d-61f4-4b0e-8d55-7e2b90a1f4c6";

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, "*/*");
    }

    @Test
    void theApiNamesPlatformLanguageAndFormatOfASentinelRuleAndNestsItsSubQueries() throws Exception {
        JsonNode rule = json("/api/rules/" + SENTINEL_LSASS);

        assertThat(rule.get("platform").asString()).isEqualTo("Microsoft Sentinel");
        assertThat(rule.get("language").asString()).isEqualTo("kql");
        assertThat(rule.get("format").asString()).isEqualTo("SENTINEL");
        assertThat(rule.get("schedule").asString()).isEqualTo("every 1d over the last 14d; alerts when results > 0");
        assertThat(rule.get("groupBy").toString()).isEqualTo("[\"Computer\",\"SourceImage\",\"GrantedAccess\"]");
        assertThat(rule.get("stages").get(1).get("command").asString()).isEqualTo("let");
        assertThat(rule.get("stages").get(2).get("depth").asInt()).as("the let body's first stage").isEqualTo(1);
    }

    @Test
    void anElasticRulePageShowsItsStagesGuideAndSetupFromMarkdown() throws Exception {
        HttpResponse<String> page = get("/rules/" + ELASTIC_COMSVCS);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("LSASS dumped through comsvcs.dll MiniDump", "Investigation guide", "<h2>Triage and analysis</h2>",
                "<code>MiniDump</code>", "Setup", "T1003.001", "process.command_line", "event.category:process");
        JsonNode rule = json("/api/rules/" + ELASTIC_COMSVCS);
        assertThat(rule.get("format").asString()).isEqualTo("ELASTIC");
        assertThat(rule.get("language").asString()).isEqualTo("eql");
    }

    @Test
    void anEsqlRuleGroupsByItsStatsKeys() throws Exception {
        JsonNode rule = json("/api/rules/" + ELASTIC_ESQL);

        assertThat(rule.get("language").asString()).isEqualTo("esql");
        assertThat(rule.get("groupBy").toString()).isEqualTo("[\"process.parent.executable\"]");
        assertThat(rule.get("stages").size()).isEqualTo(4);
    }

    @Test
    void searchFacetsAndFiltersKnowTheNewPlatformsAndLanguages() throws Exception {
        JsonNode eql = json("/api/search?q=" + java.net.URLEncoder.encode("platform:Elastic language:eql", java.nio.charset.StandardCharsets.UTF_8));
        JsonNode sentinel = json("/api/search?q=" + java.net.URLEncoder.encode("platform:\"Microsoft Sentinel\"", java.nio.charset.StandardCharsets.UTF_8));

        assertThat(eql.get("total").asInt()).isEqualTo(1);
        assertThat(eql.toString()).contains(ELASTIC_COMSVCS);
        assertThat(sentinel.get("total").asInt()).isGreaterThanOrEqualTo(3);
    }
}
