package io.rulescope.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.rulescope.RunningApp;
import io.rulescope.Visitor;

/**
 * Sign-in through a real OpenID Connect provider (mock-oauth2-server: discovery, authorization code, signed ID tokens):
 * the user's groups claim maps to roles, and the provider's button is on the sign-in page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcSignInTest extends RunningApp {

    static final MockOAuth2Server PROVIDER = started();

    static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start(0);
        return server;
    }

    @AfterAll
    static void stop() {
        PROVIDER.shutdown();
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.corp.issuer-uri", () -> PROVIDER.issuerUrl("corp").toString());
        registry.add("spring.security.oauth2.client.registration.corp.provider", () -> "corp");
        registry.add("spring.security.oauth2.client.registration.corp.client-id", () -> "rulescope");
        registry.add("spring.security.oauth2.client.registration.corp.client-secret", () -> "not-a-secret");
        registry.add("spring.security.oauth2.client.registration.corp.client-name", () -> "Corp SSO");
        registry.add("spring.security.oauth2.client.registration.corp.scope", () -> "openid,profile");
        registry.add("rulescope.security.groups.detection-engineers.roles", () -> "editor");
    }

    /** The browser's round trip: Rulescope to the provider, the provider back with a code, Rulescope to the page asked for. */
    Visitor signedInAs(String subject, Map<String, Object> claims) throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", List.of("rulescope"), claims, 3600));
        Visitor browser = new Visitor(port);
        browser.get("/sign-in?next=/collections");
        HttpResponse<String> toProvider = browser.get("/oauth2/authorization/corp");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(PROVIDER.issuerUrl("corp").toString());
        HttpResponse<Void> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.discarding());
        String callback = back.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> signedIn = browser.get(callback.substring(callback.indexOf("/login/oauth2/")));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/collections");
        return browser;
    }

    @Test
    void theSignInPageOffersTheProvider() throws Exception {
        assertThat(new Visitor(port).get("/sign-in").body()).contains("Sign in with <span>Corp SSO</span>", "/oauth2/authorization/corp");
    }

    @Test
    void aUserInAMappedGroupSignsInThroughTheProviderAsAnEditorAndCanMakeACollection() throws Exception {
        Visitor olivia = signedInAs("olivia-sub", Map.of("preferred_username", "olivia", "groups", List.of("detection-engineers", "staff")));

        String me = olivia.getJson("/api/account").body();
        olivia.get("/collections");
        HttpResponse<String> made = olivia.form("/collections", Map.of("name", "Olivia's picks"));

        assertThat(me).contains("\"name\":\"olivia\"", "\"roles\":[\"editor\"]");
        assertThat(made.statusCode()).isEqualTo(302);
        assertThat(new Visitor(port).getJson("/api/collections").body()).contains("Olivia's picks");
    }

    @Test
    void aUserWhoseGroupsMapToNothingIsAViewerAndMayNotChangeCollections() throws Exception {
        Visitor sam = signedInAs("sam-sub", Map.of("preferred_username", "sam", "groups", List.of("sales")));

        sam.get("/collections");
        HttpResponse<String> refused = sam.form("/collections", Map.of("name", "Sam's"));

        assertThat(sam.getJson("/api/account").body()).contains("\"name\":\"sam\"", "\"roles\":[\"viewer\"]");
        assertThat(refused.statusCode()).isEqualTo(403);
    }
}
