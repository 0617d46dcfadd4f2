package io.rulescope.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.rulescope.HostileRuleFiles;
import io.rulescope.SharedData;

/**
 * Issue 32's acceptance run: the packaged jar with {@code -Xmx768m} on the four shared corpora, then again with a
 * source of every hostile file beside them. The second serves every rule the first did, plus the hostile source's
 * good rules, and lists each bad file with its reason.
 */
@EnabledIf(value = "allFourCorporaPresent", disabledReason = SharedData.MISSING)
class HostileCorporaIT {

    static final List<String> CORPORA = List.of("escu", "sigma", "sentinel", "elastic");

    @TempDir
    Path work;

    static boolean allFourCorporaPresent() {
        return SharedData.corpusPresent() && SharedData.sentinelPresent() && SharedData.elasticPresent();
    }

    @Test
    void withEveryHostileFileBesideTheFourCorporaEveryGoodRuleIsServedAndEachBadFileListed() throws Exception {
        String corpora = String.join(",", CORPORA.stream().map(n -> n + "=" + SharedData.root().resolve("corpus").resolve(n).toAbsolutePath()).toList());
        Map<String, Integer> alone;
        try (LaunchedJar app = LaunchedJar.start(work.resolve("alone"), "-Xmx768m", "--rulescope.sources=" + corpora)) {
            alone = rulesBySource(app.awaitReady());
        }
        Path hostile = Files.createDirectories(work.resolve("hostile-rules"));
        Map<String, HostileRuleFiles.Expected> expected = HostileRuleFiles.writeTo(hostile);

        try (LaunchedJar app = LaunchedJar.start(work.resolve("beside"), "-Xmx768m",
                "--rulescope.sources=" + corpora + ",hostile=" + hostile.toAbsolutePath())) {
            JsonNode ingest = app.awaitReady();

            assertThat(ingest.path("state").asString()).isEqualTo("READY");
            Map<String, Integer> beside = rulesBySource(ingest);
            for (String corpus : CORPORA) {
                assertThat(beside.get(corpus)).as("rules of " + corpus).isEqualTo(alone.get(corpus)).isPositive();
            }
            assertThat(beside.get("hostile")).isEqualTo(expected.values().stream().mapToInt(HostileRuleFiles.Expected::rules).sum());
            List<JsonNode> problems = ingest.path("problems").valueStream().filter(p -> p.path("source").asString().equals("hostile")).toList();
            expected.forEach((file, outcome) -> {
                if (outcome.error() != null) {
                    assertThat(problems).as(file + " is listed with its reason").anySatisfy(p -> {
                        assertThat(p.path("path").asString()).isEqualTo(file);
                        assertThat(p.path("level").asString()).isEqualTo("ERROR");
                        assertThat(p.path("reason").asString()).contains(outcome.error());
                    });
                }
            });
            assertThat(app.get("/actuator/health").body()).contains("\"UP\"");
            assertThat(app.get("/rules/10000000-0000-0000-0000-000000004999").statusCode()).isEqualTo(200);
            assertThat(app.get("/search?q=" + "A".repeat(100)).statusCode()).isEqualTo(200);
        }
    }

    private static Map<String, Integer> rulesBySource(JsonNode ingest) {
        Map<String, Integer> rules = new HashMap<>();
        ingest.path("sources").valueStream().forEach(s -> rules.put(s.path("name").asString(), s.path("rules").asInt()));
        return rules;
    }
}
