package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.rulescope.ingest.IngestService;

/**
 * Two starts of the whole application over one data folder: rule histories are kept in its database, so the second
 * start serves what the first read and reads only the commits made since.
 */
class HistoryRestartTest {

    static final String A = "aaaaaaaa-2222-0000-0000-000000000001";
    static final String B = "bbbbbbbb-2222-0000-0000-000000000002";

    @TempDir
    Path root;

    record Start(String history, Map<String, Object> source, long versionRows) {
    }

    @Test
    void aRestartServesTheStoredHistoryAndReadsOnlyTheCommitsSince() throws Exception {
        Path repo = root.resolve("remote");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            GitFixtures.write(repo, "rules/a.yml", GitFixtures.sigmaRule(A, "Alpha", "test", "T1059", "\\a.exe"));
            GitFixtures.commit(git, "add alpha", "Ada", 1_760_000_000);
            GitFixtures.write(repo, "rules/a.yml", GitFixtures.sigmaRule(A, "Alpha", "stable", "T1059", "\\a.exe", "\\a2.exe"));
            GitFixtures.commit(git, "alpha: one more image", "Bo", 1_760_100_000);

            Start first = start(repo);
            Start same = start(repo);
            GitFixtures.write(repo, "rules/b.yml", GitFixtures.sigmaRule(B, "Beta", "test", "T1003", "\\b.exe"));
            GitFixtures.commit(git, "add beta", "Cy", 1_760_200_000);
            Start later = start(repo);

            assertThat(first.history()).contains("\"total\":2", "one more image", "add alpha");
            assertThat(same.history()).isEqualTo(first.history());
            assertThat(same.source().get("READ_AT")).as("nothing new: the stored history is not written again")
                    .isEqualTo(first.source().get("READ_AT"));
            assertThat(later.source().get("COMMITS")).isEqualTo(3);
            assertThat(later.versionRows()).as("one new version, added to the two stored").isEqualTo(3);
            assertThat(later.history()).isEqualTo(first.history());
        }
    }

    private Start start(Path repo) throws Exception {
        // Arguments, as on a command line: they outrank the tests' own data folder.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RulescopeApplication.class)
                .run("--server.port=0", "--rulescope.snapshot-dir=", "--rulescope.sources=team=" + repo.toUri(),
                        "--rulescope.data-dir=" + root.resolve("data"), "--rulescope.refresh-interval=0")) {
            IngestService ingest = context.getBean(IngestService.class);
            assertThat(ingest.awaitDone(Duration.ofSeconds(60))).isTrue();
            ingest.awaitHistory();
            String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
            JdbcTemplate sql = new JdbcTemplate(context.getBean("historyDataSource", javax.sql.DataSource.class));
            return new Start(get(base + "/api/rules/" + A + "/history"),
                    sql.queryForMap("select commits, read_at from history_source where name = 'team'"),
                    sql.queryForObject("select count(*) from rule_version", Long.class));
        }
    }

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
