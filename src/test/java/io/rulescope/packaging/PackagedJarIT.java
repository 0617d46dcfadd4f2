package io.rulescope.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The product as users start it: the jar that {@code ./mvnw package} builds, run with {@code java -jar} and no
 * sources from a folder that holds nothing of the project, and the same jar extracted as the Dockerfile runs it. Both
 * must serve every embedded rule; a classpath scan that works in the IDE can find nothing inside the nested jar.
 */
class PackagedJarIT {

    private static final Path JAR = LaunchedJar.JAR;
    private static final Path CONTENT_RULES = Path.of("content/rules");

    @TempDir
    Path work;

    @Test
    void thePackagedJarStartedWithoutSourcesServesEveryEmbeddedRule() throws Exception {
        assertServesTheEmbeddedRules(List.of("-jar", JAR.toAbsolutePath().toString()));
    }

    @Test
    void theExtractedLayoutTheDockerfileRunsServesEveryEmbeddedRule() throws Exception {
        Path extracted = work.resolve("app");
        Process extract = new ProcessBuilder(LaunchedJar.java(), "-Djarmode=tools", "-jar", JAR.toAbsolutePath().toString(), "extract",
                "--destination", extracted.toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor()).as(Files.readString(work.resolve("extract.log"))).isZero();

        assertServesTheEmbeddedRules(List.of("-Dspring.aot.enabled=true", "-jar", extracted.resolve(JAR.getFileName()).toString()));
    }

    private void assertServesTheEmbeddedRules(List<String> launch) throws Exception {
        try (LaunchedJar app = LaunchedJar.start(work.resolve("run"), "-Xmx512m", launch)) {
            JsonNode ingest = app.awaitReady();

            assertThat(ingest.path("totals").path("rules").asLong()).as("rules served by " + launch)
                    .isGreaterThanOrEqualTo(embeddedRuleFiles());
            assertThat(ingest.path("problems").valueStream().map(p -> p.path("level").asString()).toList())
                    .as("an embedded source that yields nothing is a warning").doesNotContain("WARNING", "ERROR");
            assertThat(app.get("/api/search?q=vssadmin").body()).contains("Windows Shadow Copy Deletion via Vssadmin");
            assertThat(badRequestLine(app.port)).as("the container's own error page").startsWith("HTTP/1.1 400")
                    .contains("Content-Security-Policy: default-src 'self'").contains("<h1>400 Bad Request</h1>")
                    .doesNotContain("Exception").doesNotContain("Apache Tomcat");
        }
    }

    /** Every non-macro file under content/rules holds at least one rule. */
    private static long embeddedRuleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CONTENT_RULES)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.startsWith(CONTENT_RULES.resolve("macros"))).count();
        }
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
}
