package io.rulescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rulescope.GitFixtures;
import io.rulescope.RunningApp;
import io.rulescope.Visitor;

/**
 * A catalog with one private source, crawled as every kind of reader: anonymous, a viewer, an editor (none granted the
 * source), a viewer granted it and an admin. Those without access must meet no trace of it on any page or API
 * reached (its name, its rules' ids and titles) and no count that includes it; those with access must find it, which
 * is what shows the crawl reaches far enough to notice a leak.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrivateSourceCrawlTest extends RunningApp {

    static final String SOURCE = "zyxacme";
    static final String SECRET_ID = "5ec7e700-0000-4000-8000-000000000001";
    static final String SECRET_ID_2 = "5ec7e700-0000-4000-8000-000000000002";
    static final String SECRET_TITLE = "Zyxtopia Credential Dropper";
    static final String PUBLIC_A = "a0000000-3131-4000-8000-000000000001";
    static final String PUBLIC_B = "b0000000-3131-4000-8000-000000000002";
    /** What must never reach a reader without access: the source's name, its rules' ids and a word of their titles. */
    static final List<String> MARKERS = List.of(SOURCE, "5ec7e700", "Zyxtopia");
    static final Path ROOT = tempFolder();
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)");
    private static final int PAGE_BUDGET = 250;
    private static final int PER_SHAPE = 8;

    static {
        try (Git open = Git.init().setDirectory(ROOT.resolve("open").toFile()).setInitialBranch("main").call();
                Git acme = Git.init().setDirectory(ROOT.resolve("acme").toFile()).setInitialBranch("main").call()) {
            GitFixtures.write(ROOT.resolve("open"), "rules/a.yml", GitFixtures.sigmaRule(PUBLIC_A, "Alpha Tool", "test", "T1059", "\\a.exe"));
            GitFixtures.write(ROOT.resolve("open"), "rules/b.yml", GitFixtures.sigmaRule(PUBLIC_B, "Beta Tool", "test", "T1003", "\\b.exe"));
            GitFixtures.commit(open, "two rules", "Ada", 1_760_000_000);
            // The private rules share an indicator with a public one (\a.exe): its corpus count must not count them.
            GitFixtures.write(ROOT.resolve("acme"), "rules/secret.yml",
                    GitFixtures.sigmaRule(SECRET_ID, SECRET_TITLE, "test", "T1606", "\\a.exe", "\\zyx.exe"));
            GitFixtures.write(ROOT.resolve("acme"), "rules/secret2.yml",
                    GitFixtures.sigmaRule(SECRET_ID_2, "Zyxtopia Token Theft", "test", "T1606", "\\zyx2.exe"));
            GitFixtures.commit(acme, "our own rules", "Sec", 1_760_000_100);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void sourcesAndUsers(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("rulescope.sources", () -> "open=" + ROOT.resolve("open").toUri() + "," + SOURCE + "=" + ROOT.resolve("acme").toUri()
                + "#main;private");
        registry.add("rulescope.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("rulescope.refresh-interval", () -> "0");
        user(registry, bcrypt, "vic", "viewer", null);
        user(registry, bcrypt, "ed", "editor", null);
        user(registry, bcrypt, "pat", "viewer", SOURCE);
        user(registry, bcrypt, "root", "admin", null);
    }

    private static void user(DynamicPropertyRegistry registry, BCryptPasswordEncoder bcrypt, String name, String role, String sources) {
        String hash = "{bcrypt}" + bcrypt.encode(name + "-secret");
        registry.add("rulescope.security.users." + name + ".password", () -> hash);
        registry.add("rulescope.security.users." + name + ".roles", () -> role);
        if (sources != null) {
            registry.add("rulescope.security.users." + name + ".sources", () -> sources);
        }
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("rulescope-private");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Visitor as(String user) {
        Visitor visitor = new Visitor(port);
        return user == null ? visitor : visitor.basic(user, user + "-secret");
    }

    /** Where a crawl starts besides the home page: the APIs, feeds and exports no page links to, and direct guesses. */
    static List<String> seeds() {
        return List.of("/", "/rules", "/search?q=", "/changes?since=2020-01-01", "/ingest", "/collections", "/attack", "/coverage",
                "/indicators", "/elsewhere", "/match", "/feed.atom", "/export/search.csv?q=", "/export/search.json?q=",
                "/api/search?q=", "/api/search?q=Zyxtopia", "/api/search?q=T1606", "/api/suggest?q=zyx", "/api/suggest?q=T16",
                "/api/changes?since=2020-01-01", "/api/ingest", "/api/collections", "/api/navigator?q=", "/api/indicators",
                "/api/events", "/api/elsewhere", "/rules/" + SECRET_ID, "/api/rules/" + SECRET_ID, "/rules/" + SECRET_ID + "/history",
                "/api/rules/" + SECRET_ID + "/history", "/sources/" + SOURCE, "/rules/by-path/" + SOURCE + "/rules/secret.yml",
                "/api/rules/" + PUBLIC_A, "/search?q=source:" + SOURCE, "/api/search?q=source:" + SOURCE, "/techniques/T1606",
                "/api/search?q=" + SECRET_ID, "/compare/rules?a=" + PUBLIC_A + "&b=" + SECRET_ID, "/sitemap.xml");
    }

    /** Every page and API answer reached from the seeds, by following links, as one reader. */
    Map<String, HttpResponse<String>> crawl(Visitor visitor, List<String> extraSeeds) throws Exception {
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> shapes = new HashMap<>();
        List<String> start = new ArrayList<>(seeds());
        start.addAll(extraSeeds);
        start.forEach(path -> {
            if (seen.add(path)) {
                queue.add(path);
            }
        });
        Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
        while (!queue.isEmpty() && answers.size() < PAGE_BUDGET) {
            String path = queue.poll();
            HttpResponse<String> answer = path.startsWith("/api/") ? visitor.getJson(path) : visitor.get(path);
            answers.put(path, answer);
            assertThat(answer.statusCode()).as("GET " + path).isLessThan(500);
            if (answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                Matcher links = HREF.matcher(answer.body());
                while (links.find()) {
                    String link = HtmlUtils.htmlUnescape(links.group(1));
                    if (!link.startsWith("//") && !link.startsWith("/sign-out") && seen.add(link)
                            && shapes.merge(CrawlTest.shape(link), 1, Integer::sum) <= PER_SHAPE) {
                        queue.add(link);
                    }
                }
            }
        }
        return answers;
    }

    long collectionWithPublicAndPrivateMembers() throws Exception {
        HttpResponse<String> existing = as("root").getJson("/api/collections");
        for (JsonNode c : JSON.readTree(existing.body())) {
            if (c.get("name").asString().equals("Deployed")) {
                return c.get("id").asLong();
            }
        }
        HttpResponse<String> made = as("root").json("POST", "/api/collections", "{\"name\":\"Deployed\",\"description\":\"what we run\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        long id = JSON.readTree(made.body()).get("id").asLong();
        HttpResponse<String> added = as("root").json("POST", "/api/collections/" + id + "/members",
                "{\"ids\":[\"" + PUBLIC_A + "\",\"" + SECRET_ID + "\",\"" + SECRET_ID_2 + "\"]}");
        assertThat(JSON.readTree(added.body()).get("added")).as(added.body()).hasSize(3);
        return id;
    }

    @Test
    void readersWithoutAccessMeetNoTraceOfThePrivateSourceOnAnyPageOrApi() throws Exception {
        long collection = collectionWithPublicAndPrivateMembers();
        List<String> extra = List.of("/collections/" + collection, "/api/collections/" + collection, "/collections/" + collection + "/feed.atom",
                "/search?q=collection:Deployed", "/api/search?q=collection:Deployed");
        for (String user : java.util.Arrays.asList(null, "vic", "ed")) {
            Map<String, HttpResponse<String>> answers = crawl(as(user), extra);
            List<String> leaks = new ArrayList<>();
            // A page may say back what the reader typed (the search box, "no rule 5ec7e700-..."); anything else is a leak.
            answers.forEach((path, answer) -> MARKERS.stream().filter(answer.body()::contains).filter(marker -> !typed(path, marker))
                    .forEach(marker -> leaks.add(path + " shows '" + marker + "'")));
            assertThat(leaks).as("what " + (user == null ? "anonymous" : user) + " sees of the private source").isEmpty();
            assertThat(answers.size()).as("pages crawled as " + user).isGreaterThan(60);
            assertThat(answers.get("/rules/" + SECRET_ID).statusCode()).isEqualTo(404);
            assertThat(answers.get("/api/rules/" + SECRET_ID).statusCode()).isEqualTo(404);
            assertThat(answers.get("/sources/" + SOURCE).statusCode()).isEqualTo(404);
            assertThat(answers.get("/rules/by-path/" + SOURCE + "/rules/secret.yml").statusCode()).isEqualTo(404);
            for (String search : List.of("/api/search?q=Zyxtopia", "/api/search?q=source:" + SOURCE, "/api/search?q=" + SECRET_ID)) {
                HttpResponse<String> answer = answers.get(search);
                assertThat(answer.statusCode() == 200 ? JSON.readTree(answer.body()).get("total").asInt() : 0).as(search).isZero();
            }
        }
    }

    @Test
    void readersGrantedTheSourceAndAdminsFindItWhereTheCrawlLooks() throws Exception {
        long collection = collectionWithPublicAndPrivateMembers();
        for (String user : List.of("pat", "root")) {
            Map<String, HttpResponse<String>> answers = crawl(as(user), List.of("/collections/" + collection));
            assertThat(answers.get("/rules/" + SECRET_ID).statusCode()).isEqualTo(200);
            assertThat(answers.get("/rules/" + SECRET_ID).body()).contains(SECRET_TITLE);
            assertThat(answers.get("/api/search?q=Zyxtopia").body()).contains(SECRET_ID, SECRET_ID_2);
            assertThat(answers.get("/collections/" + collection).body()).contains(SECRET_TITLE);
            assertThat(answers.get("/changes?since=2020-01-01").body()).contains(SOURCE);
            assertThat(answers.get("/ingest").body()).contains(SOURCE);
        }
    }

    @Test
    void countsAreThoseOfWhatTheReaderMaySee() throws Exception {
        long collection = collectionWithPublicAndPrivateMembers();
        JsonNode everyone = JSON.readTree(as(null).getJson("/api/search?q=platform:Sigma").body());
        JsonNode granted = JSON.readTree(as("pat").getJson("/api/search?q=platform:Sigma").body());
        JsonNode coveredForEveryone = JSON.readTree(as(null).getJson("/api/search?q=T1606").body());
        JsonNode coveredForGranted = JSON.readTree(as("pat").getJson("/api/search?q=T1606").body());

        assertThat(everyone.get("total").asInt()).isEqualTo(2);
        assertThat(granted.get("total").asInt()).isEqualTo(4);
        assertThat(coveredForEveryone.get("total").asInt()).isZero();
        assertThat(coveredForGranted.get("total").asInt()).isEqualTo(2);
        assertThat(sizeOf(as(null), collection)).isEqualTo(1);
        assertThat(sizeOf(as("ed"), collection)).isEqualTo(1);
        assertThat(sizeOf(as("pat"), collection)).isEqualTo(3);
        assertThat(JSON.readTree(as(null).getJson("/api/ingest").body()).get("totals").get("rules").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(as("root").getJson("/api/ingest").body()).get("totals").get("rules").asInt()).isEqualTo(4);
        // \a.exe is matched by one public and one private rule: "how many other rules match it" counts only those one may see.
        assertThat(otherRulesMatching(as(null))).isZero();
        assertThat(otherRulesMatching(as("pat"))).isEqualTo(1);
    }

    @Test
    void eventsFireOnlyTheRulesTheReaderMaySee() throws Exception {
        String event = "{\"EventID\": 1, \"Image\": \"C:\\\\Temp\\\\a.exe\", \"CommandLine\": \"a.exe\"}";

        String forEveryone = as(null).json("POST", "/api/match?product=windows&category=process_creation", event).body();
        String forGranted = as("pat").json("POST", "/api/match?product=windows&category=process_creation", event).body();

        assertThat(forEveryone).contains(PUBLIC_A).doesNotContain(SECRET_ID);
        assertThat(forGranted).contains(PUBLIC_A, SECRET_ID);
    }

    @Test
    void anEditorWithoutAccessCannotAddOrRemoveAPrivateRuleAndTheLogKeepsItsEventsFromThem() throws Exception {
        long collection = collectionWithPublicAndPrivateMembers();

        HttpResponse<String> add = as("ed").json("POST", "/api/collections/" + collection + "/members", "{\"ids\":[\"" + SECRET_ID_2 + "\"]}");
        HttpResponse<String> remove = as("ed").json("DELETE", "/api/collections/" + collection + "/members/" + SECRET_ID, null);
        JsonNode log = JSON.readTree(as("ed").getJson("/api/collections/" + collection).body()).get("log");

        assertThat(JSON.readTree(add.body()).get("unmatched").get(0).get("reason").asString()).doesNotContain(SOURCE);
        assertThat(remove.statusCode()).isEqualTo(404);
        assertThat(remove.body()).doesNotContain(SOURCE);
        assertThat(log.toString()).contains("added 'Alpha Tool'").doesNotContain("Zyxtopia", "added 2 rules");
        assertThat(as("pat").getJson("/api/collections/" + collection).body()).contains(SECRET_ID);
    }

    @Test
    void anonymousAnswersAreCachedApartFromThoseOfSignedInReaders() throws Exception {
        // A granted reader first, so that any shared cache would now hold an answer with the private rules in it.
        assertThat(as("pat").get("/search?q=platform:Sigma").body()).contains("Zyxtopia");
        HttpResponse<String> anonymous = as(null).get("/search?q=platform:Sigma");
        HttpResponse<String> again = as(null).get("/search?q=platform:Sigma");

        assertThat(anonymous.body()).doesNotContain("Zyxtopia");
        assertThat(again.body()).doesNotContain("Zyxtopia");
        assertThat(as("pat").get("/search?q=platform:Sigma").headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(anonymous.headers().firstValue("ETag")).isPresent();
        assertThat(as("pat").get("/search?q=platform:Sigma").headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void aGrantedUsersTokenReadsThePrivateSourceUntilRevokedAndAFormWithoutItsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> made = as("pat").json("POST", "/api/account/tokens", "{\"name\":\"ci\",\"days\":30}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String token = JSON.readTree(made.body()).get("token").asString();
        long tokenId = JSON.readTree(made.body()).get("id").asLong();

        HttpResponse<String> before = new Visitor(port).bearer(token).getJson("/api/rules/" + SECRET_ID);
        as("pat").json("DELETE", "/api/account/tokens/" + tokenId, null);
        HttpResponse<String> after = new Visitor(port).bearer(token).getJson("/api/rules/" + SECRET_ID);
        Visitor editor = new Visitor(port);
        editor.signIn("ed", "ed-secret");
        HttpResponse<String> withoutCsrf = editor.formWithout("/collections", Map.of("name", "Forged"));
        HttpResponse<String> signedIn = editor.get("/rules/" + SECRET_ID);

        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).contains(SECRET_TITLE);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.body()).doesNotContain(SECRET_TITLE, SOURCE);
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(editor.hasSession()).isTrue();
        assertThat(signedIn.statusCode()).isEqualTo(404);
        assertThat(signedIn.body()).doesNotContain(SECRET_TITLE);
    }

    private static boolean typed(String path, String marker) {
        return java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT)
                .contains(marker.toLowerCase(java.util.Locale.ROOT));
    }

    private int sizeOf(Visitor visitor, long collection) throws Exception {
        for (JsonNode c : JSON.readTree(visitor.getJson("/api/collections").body())) {
            if (c.get("id").asLong() == collection) {
                assertThat(JSON.readTree(visitor.getJson("/api/collections/" + collection).body()).get("members")).hasSize(c.get("size").asInt());
                return c.get("size").asInt();
            }
        }
        throw new AssertionError("collection " + collection + " not listed");
    }

    private int otherRulesMatching(Visitor visitor) throws Exception {
        JsonNode rule = JSON.readTree(visitor.getJson("/api/rules/" + PUBLIC_A).body());
        for (JsonNode indicator : rule.get("indicators")) {
            for (JsonNode value : indicator.get("values")) {
                if (value.get("value").asString().endsWith("a.exe")) {
                    return value.get("corpus").asInt();
                }
            }
        }
        throw new AssertionError("no indicator for a.exe in " + rule);
    }
}
