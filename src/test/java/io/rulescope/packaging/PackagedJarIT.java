package io.rulescope.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product as users start it: the jar that {@code ./mvnw package} builds, run with {@code java -jar} and no
 * sources from a folder that holds nothing of the project, and the same jar extracted as the Dockerfile runs it. Both
 * must serve every embedded rule; a classpath scan that works in the IDE can find nothing inside the nested jar.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("rulescope.jar", "target/rulescope.jar"));
    private static final Path CONTENT_RULES = Path.of("content/rules");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void thePackagedJarStartedWithoutSourcesServesEveryEmbeddedRule() throws Exception {
        assertServesTheEmbeddedRules(List.of("-jar", JAR.toAbsolutePath().toString()));
    }

    @Test
    void theExtractedLayoutTheDockerfileRunsServesEveryEmbeddedRule() throws Exception {
        Path extracted = work.resolve("app");
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", JAR.toAbsolutePath().toString(), "extract",
                "--destination", extracted.toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor()).as(Files.readString(work.resolve("extract.log"))).isZero();

        assertServesTheEmbeddedRules(List.of("-Dspring.aot.enabled=true", "-jar", extracted.resolve(JAR.getFileName()).toString()));
    }

    private void assertServesTheEmbeddedRules(List<String> launch) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
        command.addAll(launch);
        command.addAll(List.of("--server.port=" + port, "--rulescope.data-dir=" + work.resolve("data"), "--rulescope.snapshot-dir="));
        Path log = work.resolve("app.log");
        Process app = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            JsonNode ingest = awaitReady(port, app, log);

            assertThat(ingest.path("totals").path("rules").asLong()).as("rules served by " + launch)
                    .isGreaterThanOrEqualTo(embeddedRuleFiles());
            assertThat(ingest.path("problems").valueStream().map(p -> p.path("level").asString()).toList())
                    .as("an embedded source that yields nothing is a warning").doesNotContain("WARNING", "ERROR");
            assertThat(get(port, "/api/search?q=vssadmin").body()).contains("Windows Shadow Copy Deletion via Vssadmin");
            assertThat(badRequestLine(port)).as("the container's own error page").startsWith("HTTP/1.1 400")
                    .contains("Content-Security-Policy: default-src 'self'").contains("<h1>400 Bad Request</h1>")
                    .doesNotContain("Exception").doesNotContain("Apache Tomcat");
        } finally {
            app.destroy();
            if (!app.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** Every non-macro file under content/rules holds at least one rule. */
    private static long embeddedRuleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CONTENT_RULES)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(CONTENT_RULES.resolve("macros"))).count();
        }
    }

    private JsonNode awaitReady(int port, Process app, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive()).as("the app exited early:\n" + Files.readString(log)).isTrue();
            try {
                JsonNode ingest = JsonMapper.builder().build().readTree(get(port, "/api/ingest").body());
                if (ingest.path("ready").asBoolean()) {
                    return ingest;
                }
            } catch (IOException notYetListening) {
                // the port opens a few seconds after the JVM starts
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 2 minutes:\n" + Files.readString(log));
    }

    /** A request line Tomcat refuses before the application sees it. */
    private static String badRequestLine(int port) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /search?q=<x> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
