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
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The jar {@code ./mvnw package} builds, started as its own process in a folder of its own, stopped on close. */
final class LaunchedJar implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("rulescope.jar", "target/rulescope.jar"));

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final Path log;
    final int port;

    private LaunchedJar(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts {@code java [jvmOption] -jar JAR ...arguments} in {@code folder}, with its data folder there and
     * snapshots off; a {@code jvmOption} of null adds none.
     */
    static LaunchedJar start(Path folder, String jvmOption, String... arguments) throws IOException {
        return start(folder, jvmOption, List.of("-jar", JAR.toAbsolutePath().toString()), arguments);
    }

    /** As {@link #start(Path, String, String...)}, with the launch ({@code -jar} and what it runs) given. */
    static LaunchedJar start(Path folder, String jvmOption, List<String> launch, String... arguments) throws IOException {
        Files.createDirectories(folder);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        if (jvmOption != null) {
            command.add(jvmOption);
        }
        command.addAll(launch);
        command.addAll(List.of("--server.port=" + port, "--rulescope.data-dir=" + folder.resolve("data"), "--rulescope.snapshot-dir="));
        command.addAll(List.of(arguments));
        Path log = folder.resolve("app.log");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new LaunchedJar(process, log, port);
    }

    /** Waits (up to four minutes) until the first ingest is done; answers {@code /api/ingest}. */
    JsonNode awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the app exited early:\n" + Files.readString(log)).isTrue();
            try {
                JsonNode ingest = JsonMapper.builder().build().readTree(get("/api/ingest").body());
                if (ingest.path("ready").asBoolean()) {
                    return ingest;
                }
            } catch (IOException notYetListening) {
                // the port opens a few seconds after the JVM starts
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within 4 minutes:\n" + Files.readString(log));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
