package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.IngestService;

/**
 * Two starts of the whole application over the same content and snapshot folder: the second restores the catalog
 * the first saved (into the index) and serves the same pages.
 */
class RestartFromSnapshotTest {

    static final String RULE = "c7b432b0-e94a-4f12-afae-3c6257828ee4";

    @TempDir
    Path snapshots;

    record Start(IngestReport report, String rule, String search) {
    }

    @Test
    void aSecondStartOverTheSameContentRestoresTheCatalogAndServesTheSamePages() throws Exception {
        Start first = start("first");
        Start second = start("second");

        assertThat(first.report().phaseMillis()).containsKey("parse").doesNotContainKey("snapshot restore");
        assertThat(second.report().phaseMillis()).containsKey("snapshot restore").doesNotContainKey("parse");
        assertThat(second.report().totals().rules()).isEqualTo(first.report().totals().rules()).isPositive();
        assertThat(second.rule()).isEqualTo(first.rule()).contains(RULE);
        assertThat(second.search()).isEqualTo(first.search()).contains(RULE);
    }

    private Start start(String name) throws Exception {
        // Arguments, as on a command line: they outrank the tests' config, which turns snapshots off.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RulescopeApplication.class)
                .run("--server.port=0", "--rulescope.snapshot-dir=" + snapshots,
                        "--spring.datasource.url=jdbc:h2:mem:restart-" + name + ";DB_CLOSE_DELAY=-1")) {
            IngestService ingest = context.getBean(IngestService.class);
            assertThat(ingest.awaitDone(Duration.ofSeconds(60))).isTrue();
            awaitSavedSnapshot();
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            // The search answer without its timing, which differs between any two requests.
            String search = get(base + "/api/search?q=" + RULE).replaceAll("\"tookMs\":\\d+", "");
            return new Start(ingest.report(), get(base + "/api/rules/" + RULE), search);
        }
    }

    private void awaitSavedSnapshot() throws IOException, InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Stream<Path> saved = Files.list(snapshots)) {
                if (saved.anyMatch(p -> !p.getFileName().toString().contains(".tmp") && Files.exists(p.resolve("rules.smile")))) {
                    return;
                }
            } catch (java.nio.file.NoSuchFileException notYet) {
                // the folder is created by the first save
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no snapshot was saved in " + snapshots);
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
