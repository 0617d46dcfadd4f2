package io.rulescope.web.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rulescope.GitFixtures;
import io.rulescope.RunningApp;
import io.rulescope.Visitor;

/**
 * Collections as their users meet them, over HTTP against a git source that changes upstream: who may change what,
 * pins, "changed upstream since pinned" with what changed, review, removal upstream, and the change log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CollectionsEndToEndTest extends RunningApp {

    static final String A = "aaaaaaaa-3131-0000-0000-000000000001";
    static final String B = "bbbbbbbb-3131-0000-0000-000000000002";
    static final String C = "cccccccc-3131-0000-0000-000000000003";
    static final String D = "dddddddd-3131-0000-0000-000000000004";
    static final Path ROOT = tempFolder();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        try (Git git = Git.init().setDirectory(ROOT.resolve("remote").toFile()).setInitialBranch("main").call()) {
            Path repo = ROOT.resolve("remote");
            GitFixtures.write(repo, "rules/a.yml", GitFixtures.sigmaRule(A, "Alpha Tool", "test", "T1059", "\\a.exe"));
            GitFixtures.write(repo, "rules/b.yml", GitFixtures.sigmaRule(B, "Beta Tool", "test", "T1003", "\\b.exe"));
            GitFixtures.write(repo, "rules/c.yml", GitFixtures.sigmaRule(C, "Gamma Tool", "test", "T1105", "\\c.exe"));
            GitFixtures.write(repo, "rules/d.yml", GitFixtures.sigmaRule(D, "Delta Tool", "test", "T1570", "\\d.exe"));
            GitFixtures.commit(git, "three rules", "Ada", 1_760_000_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void sourceAndUsers(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("rulescope.sources", () -> "team=" + ROOT.resolve("remote").toUri());
        registry.add("rulescope.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("rulescope.refresh-interval", () -> "0");
        registry.add("rulescope.listing.collection-page-size", () -> "2");
        registry.add("rulescope.security.users.ada.password", () -> "{bcrypt}" + bcrypt.encode("ada-secret"));
        registry.add("rulescope.security.users.ada.roles", () -> "editor");
        registry.add("rulescope.security.users.vic.password", () -> "{bcrypt}" + bcrypt.encode("vic-secret"));
        registry.add("rulescope.security.users.vic.roles", () -> "viewer");
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("rulescope-collections");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    Visitor ada() {
        return new Visitor(port).basic("ada", "ada-secret");
    }

    long created(String name) throws Exception {
        HttpResponse<String> made = ada().json("POST", "/api/collections", "{\"name\":\"" + name + "\",\"description\":\"what we run\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return body(made).get("id").asLong();
    }

    @Test
    void withoutSignInAChangeAnswers401AndAViewerGets403() throws Exception {
        HttpResponse<String> anonymous = new Visitor(port).json("POST", "/api/collections", "{\"name\":\"x\"}");
        HttpResponse<String> viewer = new Visitor(port).basic("vic", "vic-secret").json("POST", "/api/collections", "{\"name\":\"x\"}");
        HttpResponse<String> wrongPassword = new Visitor(port).basic("ada", "nope").json("POST", "/api/collections", "{\"name\":\"x\"}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Basic", "Bearer"));
        assertThat(body(anonymous).get("error").asString()).contains("sign-in is required");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(new Visitor(port).getJson("/api/collections").statusCode()).isEqualTo(200);
    }

    @Test
    void rulesAreAddedByIdOrPermalinkAndWhatMatchesNothingIsSaidWithWhy() throws Exception {
        long id = created("Deployed: prod");

        HttpResponse<String> added = ada().json("POST", "/api/collections/" + id + "/members",
                "{\"ids\":[\"" + A + "\",\"https://rulescope.example/rules/" + B + "\",\"no-such-rule\"]}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(body(added).get("added").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(A, B);
        assertThat(body(added).get("unmatched").get(0).get("item").asString()).isEqualTo("no-such-rule");
        assertThat(body(added).get("unmatched").get(0).get("reason").asString()).contains("no rule");
        JsonNode detail = body(new Visitor(port).getJson("/api/collections/" + id));
        assertThat(detail.get("name").asString()).isEqualTo("Deployed: prod");
        assertThat(detail.get("members").valueStream().map(m -> m.get("id").asString())).containsExactly(A, B);
        assertThat(detail.get("members").get(0).get("changed").asBoolean()).isFalse();
        assertThat(detail.get("members").get(0).get("pinned").asString()).hasSize(40).isEqualTo(detail.get("members").get(0).get("current").asString());
        assertThat(detail.get("log").get(0).get("who").asString()).isEqualTo("ada");
        assertThat(detail.get("log").get(0).get("what").asString()).isEqualTo("added 2 rules");
    }

    @Test
    void aFormChangeNeedsItsCsrfTokenAndSignOutEndsTheSession() throws Exception {
        Visitor browser = new Visitor(port);
        HttpResponse<String> signedIn = browser.signIn("ada", "ada-secret");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/collections");
        assertThat(signedIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("JSESSIONID", "Secure", "HttpOnly"));

        HttpResponse<String> forged = browser.formWithout("/collections", Map.of("name", "Forged"));
        browser.get("/collections");
        HttpResponse<String> made = browser.form("/collections", Map.of("name", "Review backlog", "description", "to look at"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(made.statusCode()).isEqualTo(302);
        assertThat(made.headers().firstValue("Location").orElseThrow()).matches(".*/collections/\\d+");
        assertThat(browser.get("/collections").body()).contains("Review backlog").doesNotContain("Forged").contains("ada");

        browser.get("/collections");
        assertThat(browser.form("/sign-out", Map.of()).statusCode()).isEqualTo(302);
        assertThat(browser.form("/collections", Map.of("name", "After sign-out")).statusCode()).isIn(401, 403, 302);
        assertThat(new Visitor(port).getJson("/api/collections").body()).doesNotContain("After sign-out");
    }

    @Test
    void aPersonalAccessTokenSignsAScriptInUntilItIsRevoked() throws Exception {
        HttpResponse<String> made = ada().json("POST", "/api/account/tokens", "{\"name\":\"ci\",\"days\":30}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String token = body(made).get("token").asString();
        long tokenId = body(made).get("id").asLong();
        assertThat(token).startsWith("rsp_");

        Visitor script = new Visitor(port).bearer(token);
        assertThat(script.json("POST", "/api/collections", "{\"name\":\"From CI\"}").statusCode()).isEqualTo(201);
        assertThat(body(ada().getJson("/api/account/tokens")).toString()).doesNotContain(token);

        assertThat(ada().json("DELETE", "/api/account/tokens/" + tokenId, null).statusCode()).isEqualTo(200);
        HttpResponse<String> afterRevoke = script.json("POST", "/api/collections", "{\"name\":\"From CI again\"}");
        assertThat(afterRevoke.statusCode()).isEqualTo(401);
        assertThat(body(afterRevoke).get("error").asString()).contains("revoked");
        assertThat(new Visitor(port).bearer("rsp_made-up").getJson("/api/collections").statusCode()).isEqualTo(401);
    }

    @Test
    void aCollectionsPageLeadsWithWhatChangedUpstreamSincePinnedAndReviewMovesThePin() throws Exception {
        long id = created("Upstream watch");
        ada().json("POST", "/api/collections/" + id + "/members", "{\"ids\":[\"" + A + "\",\"" + C + "\"]}");
        try (Git git = Git.open(ROOT.resolve("remote").toFile())) {
            Path repo = ROOT.resolve("remote");
            GitFixtures.write(repo, "rules/a.yml", GitFixtures.sigmaRule(A, "Alpha Tool", "stable", "T1059.001", "\\a.exe", "\\a2.exe"));
            Files.delete(repo.resolve("rules/c.yml"));
            GitFixtures.commit(git, "alpha broadened, gamma gone", "Bo", 1_760_100_000);
        }
        ingest.refreshNow("test");
        ingest.awaitHistory();

        JsonNode detail = body(new Visitor(port).getJson("/api/collections/" + id));
        JsonNode changed = detail.get("changedUpstream");
        assertThat(changed.size()).isEqualTo(1);
        assertThat(changed.get(0).get("id").asString()).isEqualTo(A);
        assertThat(changed.get(0).get("changes").get("indicatorsAdded").toString()).contains("a2.exe");
        assertThat(changed.get(0).get("changes").get("attackAdded").toString()).contains("T1059.001");
        assertThat(changed.get(0).get("changes").get("fieldsChanged").toString()).contains("status");
        assertThat(changed.get(0).get("diff").asString()).contains("/diff?from=" + changed.get(0).get("pinned").asString());
        JsonNode gamma = detail.get("members").valueStream().filter(m -> m.get("id").asString().equals(C)).findFirst().orElseThrow();
        assertThat(gamma.get("removed").asBoolean()).isTrue();
        String page = new Visitor(port).get("/collections/" + id).body();
        assertThat(page.indexOf("Changed upstream since pinned")).isLessThan(page.indexOf("Removed upstream"));
        assertThat(page).contains("a2.exe", "removed upstream");

        HttpResponse<String> reviewed = ada().json("POST", "/api/collections/" + id + "/members/" + A + "/review", null);
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
        JsonNode after = body(new Visitor(port).getJson("/api/collections/" + id));
        assertThat(after.get("changedUpstream").size()).isZero();
        assertThat(after.get("log").get(0).get("what").asString()).startsWith("reviewed 'Alpha Tool' (" + A + "): pin moved from ");
    }

    @Test
    void collectionNameInTheSearchLanguageFindsItsMembersAndFollowsChangesToThem() throws Exception {
        long id = created("Search me");
        ada().json("POST", "/api/collections/" + id + "/members", "{\"ids\":[\"" + A + "\"]}");
        String q = java.net.URLEncoder.encode("collection:\"search ME\"", java.nio.charset.StandardCharsets.UTF_8);

        JsonNode first = body(new Visitor(port).getJson("/api/search?q=" + q));
        ada().json("POST", "/api/collections/" + id + "/members", "{\"ids\":[\"" + B + "\"]}");
        JsonNode second = body(new Visitor(port).getJson("/api/search?q=" + q));
        HttpResponse<String> unknown = new Visitor(port).getJson("/api/search?q=collection:nowhere");

        assertThat(first.get("total").asInt()).isEqualTo(1);
        assertThat(second.get("total").asInt()).isEqualTo(2);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown).get("error").asString()).contains("There is no collection named 'nowhere'");
    }

    @Test
    void importsAddWhatTheFileNamesAndReportTheRestAndANavigatorLayerComesBackAsASearch() throws Exception {
        long id = created("Imported");
        String ndjson = "{\"rule_id\":\"" + B + "\",\"name\":\"Beta\"}\n{\"rule_id\":\"nope\",\"name\":\"Ours\"}\n";

        HttpResponse<String> imported = ada().json("POST", "/api/collections/" + id + "/import?format=elastic-ndjson", ndjson);
        HttpResponse<String> layer = ada().json("POST", "/api/collections/" + id + "/import?format=navigator",
                "{\"techniques\":[{\"techniqueID\":\"T1003\"}]}");
        HttpResponse<String> unreadable = ada().json("POST", "/api/collections/" + id + "/import?format=sentinel-arm", "[");
        HttpResponse<String> anonymous = new Visitor(port).json("POST", "/api/collections/" + id + "/import?format=navigator", "{}");

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(body(imported).get("matched").get(0).asString()).isEqualTo(B);
        assertThat(body(imported).get("added").asInt()).isEqualTo(1);
        assertThat(body(imported).get("unmatched").get(0).get("item").asString()).isEqualTo("Ours");
        assertThat(body(layer).get("search").asString()).isEqualTo("technique:T1003");
        assertThat(body(layer).get("total").asInt()).isEqualTo(1);
        assertThat(unreadable.statusCode()).isEqualTo(422);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(body(new Visitor(port).getJson("/api/collections/" + id)).get("members").size()).isEqualTo(1);
    }

    @Test
    void aFileUploadedFromTheCollectionPageCarriesItsCsrfTokenInTheMultipartBody() throws Exception {
        long id = created("Uploaded");
        Visitor browser = new Visitor(port);
        browser.signIn("ada", "ada-secret");
        browser.get("/collections/" + id);
        String boundary = "----rulescope" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + browser.csrf() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nsavedsearches\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"savedsearches.conf\"\r\n"
                + "Content-Type: text/plain\r\n\r\n[Beta Tool]\nsearch = x\n\r\n--" + boundary + "--\r\n";

        HttpResponse<String> uploaded = browser.multipart("/collections/" + id + "/import", boundary, multipart);

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(302);
        String page = browser.get("/collections/" + id).body();
        assertThat(page).contains("1 item(s) of the Splunk savedsearches.conf read; 1 rule(s) matched.", "Beta Tool");
    }

    @Test
    void aCollectionsPageAndASearchOfItAreNeverAnsweredFromACacheOfTheOldMembership() throws Exception {
        long id = created("Cache check");
        Visitor reader = new Visitor(port);
        String search = "/search?q=" + java.net.URLEncoder.encode("collection:\"Cache check\"", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> before = reader.get("/collections/" + id);
        reader.get(search);

        ada().json("POST", "/api/collections/" + id + "/members", "{\"ids\":[\"" + B + "\"]}");

        assertThat(before.headers().firstValue("ETag")).isEmpty();
        assertThat(reader.get("/collections/" + id).body()).contains("Beta Tool");
        assertThat(reader.get(search).body()).contains("Beta Tool");
    }

    @Test
    void whichOfOurRulesFireOnAnEventIsAnsweredForACollectionOnly() throws Exception {
        long ours = created("Fires check");
        ada().json("POST", "/api/collections/" + ours + "/members", "{\"ids\":[\"" + B + "\"]}");
        String event = "{\"EventID\": 1, \"Image\": \"C:\\\\tools\\\\b.exe\"}";
        String scope = java.net.URLEncoder.encode("collection:\"Fires check\"", java.nio.charset.StandardCharsets.UTF_8);

        JsonNode all = body(new Visitor(port).json("POST", "/api/match", event));
        JsonNode within = body(new Visitor(port).json("POST", "/api/match?q=" + scope, event));
        HttpResponse<String> unknown = new Visitor(port).json("POST", "/api/match?q=collection:nowhere", event);

        assertThat(all.get("fires").valueStream().map(f -> f.get("id").asString())).contains(B);
        assertThat(within.get("fires").valueStream().map(f -> f.get("id").asString())).containsExactly(B);
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void theFeedOfUpstreamChangesIsWellFormedXmlEvenWhenATitleCarriesControlCharacters() throws Exception {
        long id = created("Feed check");
        ada().json("POST", "/api/collections/" + id + "/members", "{\"ids\":[\"" + D + "\"]}");
        try (Git git = Git.open(ROOT.resolve("remote").toFile())) {
            GitFixtures.write(ROOT.resolve("remote"), "rules/d.yml", GitFixtures.sigmaRule(D, "Delta Tool", "test", "T1570", "\\d.exe")
                    .replace("title: Delta Tool", "title: \"Delta\\x01 <b>Tool</b>\""));
            GitFixtures.commit(git, "delta renamed", "Bo", 1_760_200_000);
        }
        ingest.refreshNow("test");
        ingest.awaitHistory();

        HttpResponse<String> feed = new Visitor(port).get("/collections/" + id + "/feed.atom");

        assertThat(feed.statusCode()).isEqualTo(200);
        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(xml.getElementsByTagName("entry").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("title").item(1).getTextContent()).isEqualTo("Changed upstream: Delta <b>Tool</b>");
    }

    @Test
    void telemetryCoverageCountsOnlyTheCollectionsRulesWhenScopedToIt() throws Exception {
        long id = created("Coverage scope");
        ada().json("POST", "/api/collections/" + id + "/members", "{\"ids\":[\"" + A + "\",\"" + C + "\"]}");
        String scope = java.net.URLEncoder.encode("collection:\"Coverage scope\"", java.nio.charset.StandardCharsets.UTF_8);

        String scoped = new Visitor(port).get("/coverage?q=" + scope + "&have=Process+creation").body();
        String whole = new Visitor(port).get("/coverage?have=Process+creation").body();
        HttpResponse<String> unknown = new Visitor(port).get("/coverage?q=collection:nowhere&have=Process+creation");

        assertThat(scoped).contains("<strong>2</strong> rules can run", "Only the rules of the search");
        assertThat(whole).doesNotContain("<strong>2</strong> rules can run", "Only the rules of the search")
                .containsPattern("<strong>[3-9]</strong> rules can run");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("nowhere").doesNotContain("Only the rules of the search");
    }

    @Test
    void aCollectionsPageListsItsMembersAPageAtATimeWhileTheApiListsThemAll() throws Exception {
        long id = created("Paged");
        ada().json("POST", "/api/collections/" + id + "/members", "{\"ids\":[\"" + A + "\",\"" + B + "\",\"" + D + "\"]}");

        String first = new Visitor(port).get("/collections/" + id).body();
        String second = new Visitor(port).get("/collections/" + id + "?page=2").body();
        String past = new Visitor(port).get("/collections/" + id + "?page=99").body();

        assertThat(first).contains("Page 1 of 2", "/collections/" + id + "?page=2#members-heading");
        assertThat(members(first)).hasSize(2);
        assertThat(members(second)).hasSize(1);
        assertThat(second).contains("Page 2 of 2");
        assertThat(members(past)).isEqualTo(members(second));
        assertThat(body(new Visitor(port).getJson("/api/collections/" + id)).get("members")).hasSize(3);
    }

    /** The rows of a collection page's members table. */
    private static java.util.List<String> members(String page) {
        String table = page.substring(page.indexOf("<table class=\"data members\""), page.indexOf("</table>", page.indexOf("<table class=\"data members\"")));
        return java.util.Arrays.stream(table.split("<tr>")).skip(2).toList();
    }
}
