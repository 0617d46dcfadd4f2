package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rulescope.ingest.IngestService;

/** Plumbing for tests that talk to the whole application over real HTTP once its catalog is loaded. */
public abstract class RunningApp {

    /** What a browser sends, so pages, JSON and feeds all answer as they would to a person. */
    protected static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

    @LocalServerPort
    protected int port;

    @Autowired
    protected IngestService ingest;

    protected final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void catalogIsLoaded() throws InterruptedException {
        assertThat(ingest.awaitDone(Duration.ofSeconds(60))).isTrue();
    }

    protected HttpResponse<String> send(String method, String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of a JSON API, its body parsed. */
    protected tools.jackson.databind.JsonNode json(String path) throws IOException, InterruptedException {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(send("GET", path, "*/*").body());
    }
}
