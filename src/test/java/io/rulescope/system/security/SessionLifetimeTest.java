package io.rulescope.system.security;

import static org.assertj.core.api.Assertions.assertThat;

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

    @DynamicPropertySource
    static void user(DynamicPropertyRegistry registry) {
        registry.add("rulescope.security.users.ada.password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("ada-secret"));
        registry.add("rulescope.security.users.ada.roles", () -> "editor");
    }

    @Test
    void aSessionEndsAtItsLifetimeEvenWhileInUse() throws Exception {
        Visitor browser = new Visitor(port);
        browser.signIn("ada", "ada-secret");
        assertThat(browser.getJson("/api/account").statusCode()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            Thread.sleep(500);
            browser.get("/collections");
        }
        Thread.sleep(200);

        assertThat(browser.getJson("/api/account").statusCode()).isEqualTo(401);
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
