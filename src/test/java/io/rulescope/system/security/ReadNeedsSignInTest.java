package io.rulescope.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.rulescope.RunningApp;
import io.rulescope.Visitor;

/** With {@code rulescope.security.read=authenticated}, nothing is read without sign-in: not a page, not a cached page, not a 304. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rulescope.security.read=authenticated")
class ReadNeedsSignInTest extends RunningApp {

    @DynamicPropertySource
    static void user(DynamicPropertyRegistry registry) {
        registry.add("rulescope.security.users.vic.password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("vic-secret"));
        registry.add("rulescope.security.users.vic.roles", () -> "viewer");
    }

    @Test
    void anonymousPagesAskForSignInAndTheApiAnswers401() throws Exception {
        Visitor anonymous = new Visitor(port);
        HttpResponse<String> home = anonymous.get("/rules?page=1");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in?next=%2Frules%3Fpage%3D1");
        assertThat(anonymous.getJson("/api/search?q=T1059").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/feed.atom").statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/sign-in").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/css/app.css").statusCode()).isEqualTo(200);
        assertThat(anonymous.getJson("/actuator/health").statusCode()).isIn(200, 503);
    }

    @Test
    void aPageASignedInReaderSawIsNotServedToAnonymousFromTheCacheNorAsA304() throws Exception {
        Visitor vic = new Visitor(port);
        vic.signIn("vic", "vic-secret");
        HttpResponse<String> seen = vic.get("/");
        assertThat(seen.statusCode()).isEqualTo(200);
        String etag = send("GET", "/", BROWSER_ACCEPT).headers().firstValue("ETag").orElse("W/\"anything\"");

        HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.body()).doesNotContain("Rulescope:");
    }
}
