package io.rulescope.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.RunningApp;

/**
 * Slow uploads and big batches take at most their share of the request threads: with one place for them, a second
 * match waits for none and is turned away at once, while pages and the health check answer as usual.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rulescope.heavy-requests.concurrency=1")
class HeavyRequestsTest extends RunningApp {

    @Test
    void aSlowUploadHoldsOnlyItsOwnPlaceAndPagesAndHealthStillAnswer() throws Exception {
        try (Socket slow = new Socket("localhost", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/match HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nImage=")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500);

            HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/match"))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("Image=C:\\x.exe")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("2");

            long started = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(send("GET", "/search?q=vssadmin", BROWSER_ACCEPT).statusCode()).isEqualTo(200);
        }
        // The slow client gone, its place is free again.
        Thread.sleep(300);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/match")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Image=C:\\x.exe")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
    }
}
