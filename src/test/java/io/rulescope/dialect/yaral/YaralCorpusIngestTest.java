package io.rulescope.dialect.yaral;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.catalog.IngestReport;
import io.rulescope.indicator.RuleAnatomy;
import io.rulescope.ingest.IngestService;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.search.SearchService;

/**
 * Google's community YARA-L rules (chronicle/detection-rules) as a source: each rule ingests with its stages,
 * indicators, ATT&CK techniques and corpus counts, and its page renders.
 */
@EnabledIf(value = "chroniclePresent", disabledReason = "../shared/corpus/chronicle is absent: the YARA-L corpus test needs it")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class YaralCorpusIngestTest {

    static Path chronicle() {
        return SharedData.root().resolve("corpus/chronicle");
    }

    static boolean chroniclePresent() {
        return Files.isDirectory(chronicle().resolve("rules"));
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("rulescope.sources", () -> "chronicle=" + chronicle());
    }

    @LocalServerPort
    int port;

    @Autowired
    IngestService ingest;

    @Autowired
    CatalogHolder catalogs;

    @Autowired
    SearchService search;

    private Catalog loaded() throws InterruptedException {
        assertThat(ingest.awaitDone(Duration.ofMinutes(3))).isTrue();
        return catalogs.peek();
    }

    /** Counted apart from the reader: lines that open a rule. */
    private static int ruleBlocks() throws IOException {
        Pattern opening = Pattern.compile("(?m)^\\s*rule\\s+\\w+\\s*\\{");
        int rules = 0;
        try (Stream<Path> files = Files.walk(chronicle())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaral")).toList()) {
                rules += (int) opening.matcher(Files.readString(file)).results().count();
            }
        }
        return rules;
    }

    @Test
    void everyRuleOfEveryYaralFileBecomesARuleWithNoErrors() throws Exception {
        Catalog catalog = loaded();
        IngestReport report = catalog.report();

        assertThat(report.problems()).filteredOn(p -> p.level() == IngestProblem.Level.ERROR).isEmpty();
        assertThat(report.problems()).noneMatch(p -> p.reason().startsWith("query not analysed"));
        assertThat(catalog.rules().all()).hasSize(ruleBlocks()).allSatisfy(rule -> {
            assertThat(rule.getPlatform()).isEqualTo("Google SecOps");
            assertThat(rule.getLanguage()).isEqualTo("yaral");
        });
        assertThat(report.sources().get(0).label()).isEqualTo("github.com/chronicle/detection-rules");
    }

    @Test
    void eachRuleHasItsEventStagesAndIndicatorsAndNoStatementLeftUnread() throws Exception {
        Catalog catalog = loaded();
        int withIndicators = 0;
        for (Rule rule : catalog.rules().all()) {
            QueryAnalysis analysis = catalog.indicators().analysisOf(rule);
            assertThat(analysis.stages()).as(rule.getSourcePath()).isNotEmpty();
            assertThat(analysis.stages().get(0).command()).as(rule.getSourcePath()).startsWith("event $");
            assertThat(analysis.notes()).as(rule.getSourcePath()).isEmpty();
            withIndicators += analysis.indicators().isEmpty() ? 0 : 1;
        }
        assertThat(withIndicators).isEqualTo(catalog.rules().size());
    }

    @Test
    void attackTechniquesComeFromTheMetaAndTheOutcome() throws Exception {
        Catalog catalog = loaded();

        long withTechniques = catalog.rules().all().stream().filter(r -> !r.getTechniqueIds().isEmpty()).count();

        assertThat(withTechniques).isGreaterThan(catalog.rules().size() / 2);
        assertThat(search.search(catalog.index(), "T1580 platform:chronicle", 1, 10, "title").hits())
                .extracting(h -> h.rule().title()).contains("GCP Excessive Permission Denied Events");
    }

    @Test
    void aValueManyRulesTestIsCountedAcrossTheCorpus() throws Exception {
        Catalog catalog = loaded();
        Rule rule = catalog.rules().all().stream().filter(r -> r.getTitle().equals("GCP Excessive Permission Denied Events"))
                .findFirst().orElseThrow();

        RuleAnatomy anatomy = catalog.indicators().anatomy(rule);

        assertThat(anatomy.indicators()).flatExtracting(g -> g.shown(true))
                .filteredOn(v -> v.value().equals("GCP_CLOUDAUDIT")).singleElement()
                .satisfies(v -> assertThat(v.corpus()).isGreaterThan(10));
    }

    @Test
    void aSampleOfRulePagesRendersWithTheirEventStage() throws Exception {
        Catalog catalog = loaded();
        HttpClient http = HttpClient.newHttpClient();
        List<Rule> rules = catalog.rules().all();
        for (int i = 0; i < rules.size(); i += 25) {
            Rule rule = rules.get(i);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + rule.getPermalink()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(rule.getPermalink()).isEqualTo(200);
            assertThat(page.body()).as(rule.getPermalink()).contains("event $").contains("Google SecOps")
                    .contains("https://github.com/chronicle/detection-rules/blob/main/rules/community/");
        }
    }

    @Test
    void aUdmEventFiresTheRulesWhoseFirstEventItMeetsOnTheirFirstStage() throws Exception {
        loaded();
        String event = """
                {"metadata": {"vendor_name": "github", "product_name": "GITHUB", "product_event_type": "integration_installation.create"},
                 "principal": {"user": {"userid": "octocat"}}}
                """;

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/match"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        tools.jackson.databind.JsonNode fires = new tools.jackson.databind.ObjectMapper().readTree(answer.body()).get("fires");
        List<String> titles = new java.util.ArrayList<>();
        fires.forEach(f -> titles.add(f.get("title").asString()));
        assertThat(titles).as("vendor_name is compared nocase, product_name and the event type exactly")
                .contains("GitHub Application Installed").doesNotContain("GitHub Secret Scanning Alert");
        fires.forEach(f -> assertThat(f.get("evaluation").asString()).isEqualTo("first-stage"));
    }
}
