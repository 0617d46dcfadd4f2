package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application over a directory that changes while it serves: refreshes through the API, with requests running
 * all the while. Every request must be answered from the old catalog or the new one, never an error or "loading".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveRefreshTest extends RunningApp {

    static final String TOKEN = "test-admin-token-0123456789";
    static final String ENCODED_POWERSHELL = "5b220c85-d411-4f51-b7bf-45e2bfb9eb95";
    static final Path RULES = copyOfTheEmbeddedRules();

    @DynamicPropertySource
    static void aDirectorySourceAndAnAdminToken(DynamicPropertyRegistry registry) {
        registry.add("rulescope.sources", () -> "live=" + RULES);
        registry.add("rulescope.admin-token", () -> TOKEN);
    }

    private static Path copyOfTheEmbeddedRules() {
        try {
            return GitFixtures.copyOfTheEmbeddedRules(Files.createTempDirectory("rulescope-live"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeTheCopy() throws IOException {
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private HttpResponse<String> post(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ingestState() throws IOException, InterruptedException {
        return JsonMapper.builder().build().readTree(send("GET", "/api/ingest", "application/json").body());
    }

    @Test
    void refreshNeedsTheAdminTokenAndAnswersWithItsId() throws Exception {
        assertThat(post("/api/refresh", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/refresh", "Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(post("/api/refresh", "Basic " + TOKEN).statusCode()).isEqualTo(401);

        HttpResponse<String> accepted = post("/api/refresh", "Bearer " + TOKEN);

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"id\":\"r");
        assertThat(ingestState().toString()).doesNotContain(TOKEN);
    }

    @Test
    void requestsDuringFiveRefreshesAreAllAnsweredFromACompleteCatalog() throws Exception {
        List<String> paths = List.of("/rules/" + ENCODED_POWERSHELL, "/api/rules/" + ENCODED_POWERSHELL, "/api/search?q=T1059",
                "/search?q=powershell", "/attack", "/", "/techniques/T1059", "/api/search?q=title:refreshed");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean refreshing = new AtomicBoolean();
        AtomicInteger duringRefreshes = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int offset = w;
            workers.add(load.submit(() -> {
                for (int i = offset; !stop.get() && i < 200_000; i++) {
                    String path = paths.get(i % paths.size());
                    try {
                        boolean during = refreshing.get();
                        HttpResponse<String> r = send("GET", path, BROWSER_ACCEPT);
                        requests.incrementAndGet();
                        if (during && refreshing.get()) {
                            duringRefreshes.incrementAndGet();
                        }
                        if (r.statusCode() != 200 || r.body().contains("still loading")) {
                            failures.add(path + " -> " + r.statusCode());
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.add(path + " -> " + e);
                    }
                }
            }));
        }
        String etagBefore = send("GET", "/api/search?q=title:refreshed", "application/json").headers().firstValue("ETag").orElseThrow();
        Path edited = RULES.resolve("sigma");
        int before = ingestState().path("refreshes").size();
        try {
            while (requests.get() < 50) {
                Thread.sleep(10);
            }
            for (int i = 1; i <= 5; i++) {
                refreshing.set(true);
                Files.writeString(edited.resolve("refreshed_" + i + ".yml"), "title: Refreshed " + i + "\nid: 00000000-0000-0000-0000-00000000010" + i
                        + "\nstatus: test\nlogsource:\n  product: windows\ndetection:\n  s:\n    Image|endswith: '\\\\r" + i + ".exe'\n  condition: s\n");
                assertThat(post("/api/refresh", "Bearer " + TOKEN).statusCode()).isEqualTo(202);
                awaitRefreshes(before + i);
                refreshing.set(false);
            }
        } finally {
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get();
            }
            load.shutdown();
        }

        assertThat(failures).as("answers that were not a complete catalog's, of " + requests.get()).isEmpty();
        assertThat(duringRefreshes.get()).as("requests answered while a refresh was building").isPositive();
        JsonNode state = ingestState();
        assertThat(state.path("refreshes").get(0).path("outcome").asString()).isEqualTo("PUBLISHED");
        assertThat(state.path("refreshes").get(0).path("added").get(0).path("title").asString()).isEqualTo("Refreshed 5");
        assertThat(state.path("refreshes").get(0).path("filesParsed").asInt()).isEqualTo(1);
        assertThat(send("GET", "/api/search?q=title:refreshed", "application/json").body()).contains("\"total\":5");
        assertThat(send("GET", "/api/search?q=title:refreshed", "application/json").headers().firstValue("ETag"))
                .as("a new catalog, a new ETag").isNotEqualTo(Optional.of(etagBefore));
    }

    private void awaitRefreshes(int count) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (ingestState().path("refreshes").size() >= Math.min(count, 20)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("refresh " + count + " did not finish within 30 s");
    }
}
