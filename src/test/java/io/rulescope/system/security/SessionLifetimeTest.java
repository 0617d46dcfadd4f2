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

/** A session ends at its lifetime however busy it is, and the user is anonymous again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "rulescope.security.session-lifetime=2s")
class SessionLifetimeTest extends RunningApp {

    static final String PRIVATE_RULE = "5ec7e700-0000-4000-8000-0000000000aa";

    @DynamicPropertySource
    static void user(DynamicPropertyRegistry registry) throws java.io.IOException {
        java.nio.file.Path acme = java.nio.file.Files.createTempDirectory("rulescope-acme");
        io.rulescope.GitFixtures.write(acme, "rules/secret.yml",
                io.rulescope.GitFixtures.sigmaRule(PRIVATE_RULE, "Acme Private Rule", "test", "T1059", "\\acme.exe"));
        registry.add("rulescope.sources", () -> "embedded,acme=" + acme + ";private");
        registry.add("rulescope.security.users.ada.password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("ada-secret"));
        registry.add("rulescope.security.users.ada.roles", () -> "editor");
        registry.add("rulescope.security.users.ada.sources", () -> "acme");
        registry.add("rulescope.security.users.eve.password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("eve-secret"));
        registry.add("rulescope.security.users.eve.roles", () -> "viewer");
    }

    @Test
    void afterFiveWrongPasswordsTheSignInPageSaysToWaitAndHttpBasicIsRefusedToo() throws Exception {
        Visitor guesser = new Visitor(port);
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            guesser.signIn("eve", "guess-" + i);
        }

        HttpResponse<String> rightPassword = guesser.signIn("eve", "eve-secret");
        String page = guesser.get(rightPassword.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();

        assertThat(page).contains("Too many failed sign-ins; try again in 15 minutes.");
        assertThat(guesser.getJson("/api/account").statusCode()).isEqualTo(401);
        assertThat(new Visitor(port).basic("eve", "eve-secret").getJson("/api/account").statusCode()).isEqualTo(401);
        assertThat(new Visitor(port).basic("ada", "ada-secret").getJson("/api/account").statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionEndsAtItsLifetimeEvenWhileInUse() throws Exception {
        Visitor browser = new Visitor(port);
        browser.signIn("ada", "ada-secret");
        assertThat(browser.getJson("/api/account").statusCode()).isEqualTo(200);
        assertThat(browser.get("/rules/" + PRIVATE_RULE).body()).contains("Acme Private Rule");

        for (int i = 0; i < 5; i++) {
            Thread.sleep(500);
            browser.get("/collections");
        }
        Thread.sleep(200);

        assertThat(browser.getJson("/api/account").statusCode()).isEqualTo(401);
        HttpResponse<String> privateRule = browser.get("/rules/" + PRIVATE_RULE);
        assertThat(privateRule.statusCode()).as("the private source went with the session").isEqualTo(404);
        assertThat(privateRule.body()).doesNotContain("Acme Private Rule");
        assertThat(browser.get("/account").headers().firstValue("Location").orElseThrow()).contains("/sign-in?next=%2Faccount");
    }

    @Test
    void signOutEndsTheSessionAtOnce() throws Exception {
        Visitor browser = new Visitor(port);
        browser.signIn("ada", "ada-secret");
        browser.get("/collections");

        assertThat(browser.form("/sign-out", java.util.Map.of()).statusCode()).isEqualTo(302);

        assertThat(browser.getJson("/api/account").statusCode()).isEqualTo(401);
    }
}
