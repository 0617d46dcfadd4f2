package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** History, diffs and older versions of rules from a git source, through real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryPagesTest extends RunningApp {

    static final String A = "aaaaaaaa-1111-0000-0000-000000000001";
    static final String B = "bbbbbbbb-1111-0000-0000-000000000002";
    static final Path ROOT = tempFolder();
    static final RevCommit[] COMMITS = new RevCommit[4];

    static {
        try (Git git = Git.init().setDirectory(ROOT.resolve("remote").toFile()).setInitialBranch("main").call()) {
            Path repo = ROOT.resolve("remote");
            GitFixtures.write(repo, "rules/a.yml", GitFixtures.sigmaRule(A, "Alpha Tool", "test", "T1059", "\\a.exe"));
            GitFixtures.write(repo, "rules/b.yml", GitFixtures.sigmaRule(B, "Beta Tool", "test", "T1003", "\\b.exe"));
            COMMITS[0] = GitFixtures.commit(git, "add alpha and beta", "Ada", 1_760_000_000);
            GitFixtures.write(repo, "rules/a.yml", GitFixtures.sigmaRule(A, "Alpha Tool", "stable", "T1059.001", "\\a.exe", "\\a2.exe"));
            COMMITS[1] = GitFixtures.commit(git, "alpha: one more image", "Bo", 1_760_100_000);
            Files.createDirectories(repo.resolve("deprecated"));
            Files.move(repo.resolve("rules/a.yml"), repo.resolve("deprecated/a.yml"));
            COMMITS[2] = GitFixtures.commit(git, "deprecate alpha", "Cy", 1_760_200_000);
            Files.delete(repo.resolve("rules/b.yml"));
            COMMITS[3] = GitFixtures.commit(git, "remove beta", "Di", 1_760_300_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void aGitSource(DynamicPropertyRegistry registry) {
        registry.add("rulescope.sources", () -> "team=" + ROOT.resolve("remote").toUri());
        registry.add("rulescope.data-dir", () -> ROOT.resolve("data").toString());
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("rulescope-history");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void historyIsRead() throws InterruptedException {
        ingest.awaitHistory();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, BROWSER_ACCEPT);
    }

    private static String shortId(int i) {
        return COMMITS[i].name().substring(0, 10);
    }

    @Test
    void theHistoryPageListsEveryVersionNewestFirstWithWhatChanged() throws Exception {
        HttpResponse<String> page = get("/rules/" + A + "/history");

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("3</span>", "deprecate alpha", "alpha: one more image", "add alpha and beta",
                "deprecated/a.yml", "Image endswith \\a2.exe", "T1059.001", "changed: <span>status, query</span>", "changed: <span>path</span>");
        assertThat(body.indexOf("deprecate alpha")).isLessThan(body.indexOf("alpha: one more image"));
        assertThat(body).contains("/rules/" + A + "@" + shortId(1));
    }

    @Test
    void aLongHistoryComesAPageAtATimeAndEachPageSaysWhichVersionsItShows() throws Exception {
        String second = get("/rules/" + A + "/history?size=2&page=2").body();

        assertThat(second).contains("3</span>", "; 3 to 3 shown", "add alpha and beta", "Page 2 of 2", "rel=\"prev\"")
                .doesNotContain("deprecate alpha");
        assertThat(second).as("the oldest version has none before it to diff with").doesNotContain("Diff with the version before");
        String first = get("/rules/" + A + "/history?size=2").body();
        assertThat(first).contains("; 1 to 2 shown", "deprecate alpha", "alpha: one more image", "rel=\"next\"")
                .doesNotContain("add alpha and beta");
        assertThat(first.split("Diff with the version before", -1)).as("both versions on the first page have an older one").hasSize(3);

        JsonNode api = JsonMapper.builder().build().readTree(send("GET", "/api/rules/" + A + "/history?size=1&page=3", "application/json").body());
        assertThat(api.path("total").asInt()).isEqualTo(3);
        assertThat(api.path("pages").asInt()).isEqualTo(3);
        assertThat(api.path("versions")).singleElement().satisfies(v -> assertThat(v.path("commit").asString()).isEqualTo(COMMITS[0].name()));
    }

    @Test
    void theApiGivesEachVersionsChangesAndTheFirstVersionAddsEverything() throws Exception {
        JsonNode history = JsonMapper.builder().build().readTree(send("GET", "/api/rules/" + A + "/history", "application/json").body());

        assertThat(history.path("id").asString()).isEqualTo(A);
        assertThat(history.path("state").asString()).isEqualTo("ready");
        JsonNode versions = history.path("versions");
        assertThat(versions).hasSize(3);
        assertThat(versions.get(0).path("commit").asString()).isEqualTo(COMMITS[2].name());
        assertThat(versions.get(0).path("path").asString()).isEqualTo("deprecated/a.yml");
        assertThat(versions.get(0).path("changes").path("fieldsChanged").toString()).isEqualTo("[\"path\"]");
        assertThat(versions.get(1).path("author").asString()).isEqualTo("Bo");
        assertThat(versions.get(1).path("changes").path("indicatorsAdded").get(0).toString())
                .isEqualTo("{\"field\":\"Image\",\"kind\":\"endswith\",\"value\":\"\\\\a2.exe\",\"polarity\":\"match\"}");
        assertThat(versions.get(1).path("changes").path("attackAdded").toString()).isEqualTo("[\"T1059.001\"]");
        assertThat(versions.get(1).path("changes").path("attackRemoved").toString()).isEqualTo("[\"T1059\"]");
        assertThat(versions.get(2).path("changes").path("indicatorsAdded")).hasSize(1);
        assertThat(versions.get(2).path("date").asString()).isEqualTo("2025-10-09T08:53:20Z");
    }

    @Test
    void aDiffShowsThePredicateLevelChangesThenTheLines() throws Exception {
        HttpResponse<String> diff = get("/rules/" + A + "/diff?from=" + shortId(0) + "&to=" + shortId(1));

        assertThat(diff.statusCode()).isEqualTo(200);
        assertThat(diff.body()).contains("+ <code>Image endswith \\a2.exe</code>", "changed: <span>status, query</span>",
                "class=\"d-add\">+      - &#39;\\a2.exe&#39;", "class=\"d-del\">-status: test");
    }

    @Test
    void theDefaultDiffIsThePreviousVersionAgainstTheCurrentOne() throws Exception {
        HttpResponse<String> diff = get("/rules/" + A + "/diff");

        assertThat(diff.body()).contains(shortId(1), shortId(2), "changed: <span>path</span>");
    }

    @Test
    void anUnknownCommitInADiffIsA400WithAMessage() throws Exception {
        HttpResponse<String> diff = get("/rules/" + A + "/diff?to=deadbeef");

        assertThat(diff.statusCode()).isEqualTo(400);
        assertThat(diff.body()).contains("No version of this rule was made by commit");
    }

    @Test
    void anOlderVersionHasItsOwnPermalinkAndSaysItIsNotCurrent() throws Exception {
        HttpResponse<String> old = get("/rules/" + A + "@" + shortId(0));

        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).contains("Alpha Tool", "not its current version", "\\a.exe").doesNotContain("\\a2.exe");
        assertThat(old.body()).containsPattern("<dt>Status</dt><dd>test</dd>");
        assertThat(get("/rules/" + A + "@" + shortId(1)).body()).contains("\\a2.exe", "T1059.001");
        assertThat(get("/rules/" + A + "@0000000").statusCode()).isEqualTo(404);
    }

    @Test
    void aRulePageSaysWhenTheRuleWasFirstSeenAndLastChanged() throws Exception {
        String page = get("/rules/" + A).body();

        assertThat(page).contains("First seen", "2025-10-09", "Changed", "2025-10-11", "3 versions");
    }

    @Test
    void aRemovedRuleKeepsItsHistoryPage() throws Exception {
        assertThat(get("/rules/" + B).statusCode()).isEqualTo(404);

        HttpResponse<String> history = get("/rules/" + B + "/history");

        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("Beta Tool", "no longer in its source", "remove beta", "removed");
    }

    @Test
    void changesSinceADayListWhatEachSourceAddedChangedAndRemoved() throws Exception {
        HttpResponse<String> page = get("/changes?since=2025-10-10");
        JsonNode api = JsonMapper.builder().build().readTree(send("GET", "/api/changes?since=2025-10-10", "application/json").body());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Alpha Tool", "Beta Tool", "removed from the source", "+1 indicator, +T1059.001, -T1059, status, query, path");
        assertThat(api.path("modified").asInt()).isEqualTo(1);
        assertThat(api.path("removed").asInt()).isEqualTo(1);
        assertThat(api.path("added").asInt()).isZero();
        JsonNode alpha = api.path("sources").path("team").get(1);
        assertThat(alpha.path("id").asString()).isEqualTo(A);
        assertThat(alpha.path("versions").asInt()).isEqualTo(2);
        assertThat(alpha.path("changes").path("fieldsChanged").toString()).isEqualTo("[\"status\",\"query\",\"path\"]");
        assertThat(send("GET", "/api/changes?since=last-week", "application/json").statusCode()).isEqualTo(400);
    }

    @Test
    void aSourcesFirstCommitIsShownOnceAsItsImportNotAsAdditions() throws Exception {
        JsonNode api = JsonMapper.builder().build().readTree(send("GET", "/api/changes?since=2025-10-01", "application/json").body());
        String page = get("/changes?since=2025-10-01").body();

        assertThat(api.path("added").asInt()).as(api.toString()).isZero();
        assertThat(api.path("imported").get(0).path("source").asString()).isEqualTo("team");
        assertThat(api.path("imported").get(0).path("rules").asInt()).isEqualTo(2);
        assertThat(api.path("imported").get(0).path("commit").asString()).isEqualTo(COMMITS[0].name());
        assertThat(page).containsPattern("imported\\s+<strong>2</strong> <span>rules</span>").doesNotContain("kind-added");
    }

    @Test
    void changesComeAPageAtATimeAndThePageSaysWhatItShows() throws Exception {
        JsonNode first = JsonMapper.builder().build().readTree(send("GET", "/api/changes?since=2025-10-01&size=1", "application/json").body());
        JsonNode second = JsonMapper.builder().build().readTree(send("GET", "/api/changes?since=2025-10-01&size=1&page=2", "application/json").body());
        String page = get("/changes?since=2025-10-01&size=1").body();

        assertThat(first.path("listed").asInt()).isEqualTo(2);
        assertThat(first.path("pages").asInt()).isEqualTo(2);
        assertThat(first.path("sources").path("team")).hasSize(1);
        assertThat(second.path("sources").path("team").get(0).path("id").asString())
                .isNotEqualTo(first.path("sources").path("team").get(0).path("id").asString());
        assertThat(page).contains("Showing 1–1 of 2 changes", "Page 1 of 2", "rel=\"next\"");
    }

    @Test
    void changedSearchesTheLastCommitThatChangedEachRule() throws Exception {
        String after = send("GET", "/api/search?q=" + java.net.URLEncoder.encode("changed:>=2025-10-11", "UTF-8"), "application/json").body();
        String before = send("GET", "/api/search?q=" + java.net.URLEncoder.encode("changed:<2025-10-11", "UTF-8"), "application/json").body();

        assertThat(after).contains("\"total\":1", A);
        assertThat(before).contains("\"total\":0");
    }

    @Test
    void theFeedSaysNewOrUpdatedWithPublishedAndUpdatedDatesAndWhatChanged() throws Exception {
        String feed = send("GET", "/feed.atom", "application/atom+xml").body();

        assertThat(feed).contains("<title>Updated: Alpha Tool</title>", "<published>2025-10-09T08:53:20Z</published>",
                "<updated>2025-10-11T16:26:40Z</updated>", "<category term=\"updated\"", "Updated (deprecate alpha): path");
    }
}
