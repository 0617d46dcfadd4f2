package io.rulescope.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.RunningApp;

/**
 * Requests Tomcat turns away before the application sees them still get the security headers and a page of ours, not
 * Tomcat's report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerErrorPagesTest extends RunningApp {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET /search?q=<script> HTTP/1.1\r\nHost: localhost\r\n",
            "GET /rules/%zz HTTP/1.1\r\nHost: localhost\r\n",
            "GET /rules/a%00b HTTP/1.1\r\nHost: localhost\r\n",
            "GET / HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n",
            "GET / HTTP/1.1\r\nHost: localhost\r\nX-Long: %LONG%\r\n" })
    void aRequestTheContainerTurnsAwayGetsTheSecurityHeadersAndAPageOfOurs(String request) throws Exception {
        String answer = rawExchange(request.replace("%LONG%", "x".repeat(20_000)) + "Connection: close\r\n\r\n");

        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(head).contains("content-security-policy: default-src 'self'").contains("x-content-type-options: nosniff")
                .contains("x-frame-options: deny").doesNotContain("server: apache");
        assertThat(answer).contains("<h1>400 Bad Request</h1>").doesNotContain("Apache Tomcat").doesNotContain("<style").doesNotContain("Exception");
    }

    private String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
