package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.rulescope.catalog.CatalogHolder;
import io.rulescope.ingest.IngestService;
import io.rulescope.rule.Rule;

/**
 * The catalog is a function of the source commits, the settings and the build: two instances, each with its own
 * clone of the same repository at the same commit, answer every rule and search the same, byte for byte.
 */
class ReplicasTest {

    static final List<String> SEARCHES = List.of("T1059", "powershell", "eventName=JobCreated", "source:team severity:high",
            "Image=*\\powershell.exe", "tactic:credential-access", "lsass OR mimikatz", "-platform:Sigma", "modified:>=2024-01-01");

    @TempDir
    Path temp;

    /** A repository holding the embedded rules, committed once: the commit both replicas are pinned to. */
    private Path repository() throws Exception {
        Path repo = GitFixtures.copyOfTheEmbeddedRules(temp.resolve("rules"));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Rulescope", "team@example.org");
            git.commit().setMessage("rules").setAuthor(who).setCommitter(who).call();
            git.tag().setName("v1").call();
        }
        return repo;
    }

    record Answers(List<String> rules, List<String> searches) {
    }

    private Answers replica(String name, Path repo) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RulescopeApplication.class).run("--server.port=0",
                "--rulescope.sources=team=" + repo.toUri() + "#v1", "--rulescope.data-dir=" + temp.resolve(name),
                "--rulescope.snapshot-dir=", "--spring.datasource.url=jdbc:h2:mem:replica-" + name + ";DB_CLOSE_DELAY=-1")) {
            IngestService ingest = context.getBean(IngestService.class);
            assertThat(ingest.awaitDone(Duration.ofSeconds(60))).isTrue();
            ingest.awaitHistory();
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            List<String> rules = new ArrayList<>();
            List<String> ids = context.getBean(CatalogHolder.class).peek().rules().all().stream().map(Rule::getRuleId).distinct()
                    .sorted().toList();
            for (String id : ids) {
                rules.add(id + " " + get(base + "/api/rules/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
            }
            List<String> searches = new ArrayList<>();
            for (String q : SEARCHES) {
                // The time a search took is the one thing that differs between any two requests, even on one instance.
                searches.add(get(base + "/api/search?size=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                        .replaceAll("\"tookMs\":\\d+", "\"tookMs\":0"));
            }
            return new Answers(rules, searches);
        }
    }

    @Test
    void twoInstancesOverTheSameCommitAnswerEveryRuleAndSearchTheSame() throws Exception {
        Path repo = repository();

        Answers one = replica("one", repo);
        Answers two = replica("two", repo);

        assertThat(one.rules()).hasSizeGreaterThan(30);
        for (int i = 0; i < one.rules().size(); i++) {
            assertThat(two.rules().get(i)).isEqualTo(one.rules().get(i));
        }
        assertThat(two.searches()).containsExactlyElementsOf(one.searches());
        assertThat(one.searches()).allSatisfy(s -> assertThat(s).contains("\"total\":"));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        // 300: an id several rules share answers with the list of them.
        assertThat(response.statusCode()).as(url).isIn(200, 300);
        return response.statusCode() + " " + response.body();
    }
}
