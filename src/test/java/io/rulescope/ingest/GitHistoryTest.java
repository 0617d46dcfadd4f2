package io.rulescope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rulescope.GitFixtures;
import io.rulescope.history.HistoryIncrement;
import io.rulescope.history.HistoryStore;
import io.rulescope.history.MemoryHistoryStore;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleVersion;
import io.rulescope.ingest.setup.IngestProperties;

/** Rule histories read from a repository made in the test: adds, edits, moves and deletions. */
class GitHistoryTest {

    static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String B = "bbbbbbbb-0000-0000-0000-000000000002";

    @TempDir
    Path temp;

    Path repo;
    Git git;

    @BeforeEach
    void aRepositoryWithFourCommits() throws Exception {
        repo = Files.createDirectories(temp.resolve("repo"));
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        write("rules/a.yml", GitFixtures.sigmaRule(A, "Alpha", "test", "T1059", "\\a.exe"));
        write("rules/b.yml", GitFixtures.sigmaRule(B, "Beta", "test", "T1003", "\\b.exe"));
        commit("add alpha and beta", "Ada", 1_700_000_000);
        write("rules/a.yml", GitFixtures.sigmaRule(A, "Alpha", "stable", "T1059.001", "\\a.exe", "\\a2.exe"));
        commit("alpha: one more image, stable", "Bo", 1_700_100_000);
        Files.createDirectories(repo.resolve("deprecated"));
        Files.move(repo.resolve("rules/a.yml"), repo.resolve("deprecated/a.yml"));
        commit("deprecate alpha", "Cy", 1_700_200_000);
        Files.delete(repo.resolve("rules/b.yml"));
        commit("remove beta", "Di", 1_700_300_000);
    }

    private void write(String path, String text) throws IOException {
        GitFixtures.write(repo, path, text);
    }

    private void commit(String message, String who, long epochSeconds) throws Exception {
        GitFixtures.commit(git, message, who, epochSeconds);
    }

    private RuleHistories historyOf(String sourceEntry) throws Exception {
        return historyOf(sourceEntry, new MemoryHistoryStore());
    }

    private RuleHistories historyOf(String sourceEntry, HistoryStore store) throws Exception {
        IngestProperties properties = new IngestProperties(List.of(sourceEntry), 1 << 20, 2, Map.of(), "",
                temp.resolve("data").toString(), null, "");
        IngestServiceTest.Ingest ingest = IngestServiceTest.ingestInto(properties,
                IngestServiceTest.ATTACK, IngestServiceTest.NO_TAXONOMY, new RuleHistories(store));
        ingest.service().ingest();
        ingest.service().awaitHistory();
        return ingest.histories();
    }

    @Test
    void eachVersionSaysWhatChangedInTermsOfIndicatorsTechniquesAndFields() throws Exception {
        RuleHistories histories = historyOf("team=" + repo.toUri());

        List<RuleVersion> alpha = histories.versions("team", A);

        assertThat(alpha).extracting(RuleVersion::kind).containsExactly(RuleVersion.Kind.MOVED, RuleVersion.Kind.MODIFIED,
                RuleVersion.Kind.ADDED);
        assertThat(alpha).extracting(RuleVersion::author).containsExactly("Cy", "Bo", "Ada");
        assertThat(alpha).extracting(RuleVersion::path).containsExactly("deprecated/a.yml", "rules/a.yml", "rules/a.yml");
        RuleVersion.Changes edit = alpha.get(1).changes();
        assertThat(edit.indicatorsAdded()).extracting(RuleVersion.IndicatorRef::value).containsExactly("\\a2.exe");
        assertThat(edit.indicatorsRemoved()).isEmpty();
        assertThat(edit.attackAdded()).containsExactly("T1059.001");
        assertThat(edit.attackRemoved()).containsExactly("T1059");
        assertThat(edit.fieldsChanged()).containsExactly("status", "query");
        assertThat(alpha.get(0).changes().fieldsChanged()).containsExactly("path");
        RuleVersion.Changes first = alpha.get(2).changes();
        assertThat(first.indicatorsAdded()).extracting(RuleVersion.IndicatorRef::toString)
                .containsExactly("Image endswith \\a.exe");
        assertThat(first.attackAdded()).containsExactly("T1059");
    }

    @Test
    void aDeletedRuleEndsWithARemovedVersion() throws Exception {
        RuleHistories histories = historyOf("team=" + repo.toUri());

        assertThat(histories.versions("team", B)).extracting(RuleVersion::kind)
                .containsExactly(RuleVersion.Kind.REMOVED, RuleVersion.Kind.ADDED);
        assertThat(histories.changesSince(java.time.Instant.ofEpochSecond(1_700_250_000)))
                .extracting(RuleHistories.Change::ruleId, RuleHistories.Change::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(B, RuleVersion.Kind.REMOVED));
    }

    @Test
    void aPlainDirectoryInsideAWorkTreeHasItsHistoryToo() throws Exception {
        RuleHistories histories = historyOf("local=" + repo.resolve("rules"));

        assertThat(histories.state("local")).isEqualTo(RuleHistories.State.READY);
        assertThat(histories.versions("local", B)).extracting(RuleVersion::path).containsExactly("b.yml", "b.yml");
        assertThat(histories.versions("local", A)).extracting(RuleVersion::kind).first().isEqualTo(RuleVersion.Kind.REMOVED);
    }

    @Test
    void aLaterReadCarriesOnFromTheStoredHistory() throws Exception {
        List<HistoryIncrement> saved = new java.util.ArrayList<>();
        HistoryStore store = new MemoryHistoryStore() {
            @Override
            public synchronized void save(String key, HistoryIncrement increment) {
                saved.add(increment);
                super.save(key, increment);
            }
        };
        historyOf("team=" + repo.toUri(), store);
        write("rules/c.yml", GitFixtures.sigmaRule("cccccccc-0000-0000-0000-000000000003", "Gamma", "test", "T1105", "\\c.exe"));
        commit("add gamma", "Ed", 1_700_400_000);

        RuleHistories again = historyOf("team=" + repo.toUri(), store);

        assertThat(saved).extracting(HistoryIncrement::fromScratch).containsExactly(true, false);
        assertThat(saved.get(1).versions()).extracting(NumberedVersion::ruleId, NumberedVersion::ordinal)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cccccccc-0000-0000-0000-000000000003", 0));
        assertThat(again.head("team")).hasValueSatisfying(head -> assertThat(head.commits()).isEqualTo(5));
        assertThat(again.versions("team", A)).hasSize(3);
        assertThat(again.versions("team", "cccccccc-0000-0000-0000-000000000003")).hasSize(1);
    }

    @Test
    void aRefreshBringsEachRulesSummaryUpToDateFromTheNewVersions() throws Exception {
        IngestProperties properties = new IngestProperties(List.of("team=" + repo.toUri()), 1 << 20, 2, Map.of(), "",
                temp.resolve("data").toString(), null, "");
        IngestServiceTest.Ingest ingest = IngestServiceTest.ingestInto(properties, IngestServiceTest.ATTACK,
                IngestServiceTest.NO_TAXONOMY);
        ingest.service().ingest();
        ingest.service().awaitHistory();
        RuleHistories histories = ingest.histories();
        assertThat(histories.summary("team", B)).hasValueSatisfying(s -> assertThat(s.newest().kind()).isEqualTo(RuleVersion.Kind.REMOVED));

        write("rules/b.yml", GitFixtures.sigmaRule(B, "Beta", "stable", "T1003", "\\b.exe"));
        commit("bring beta back", "Ed", 1_700_400_000);
        ingest.service().refreshNow("test");
        ingest.service().awaitHistory();

        assertThat(histories.summary("team", B)).hasValueSatisfying(s -> {
            assertThat(s.versions()).isEqualTo(3);
            assertThat(s.newest().subject()).isEqualTo("bring beta back");
            assertThat(s.firstSeen().subject()).as("back again: first seen, this time, when it came back").isEqualTo("bring beta back");
        });
        assertThat(histories.summary("team", A)).hasValueSatisfying(s -> {
            assertThat(s.versions()).isEqualTo(3);
            assertThat(s.firstSeen().subject()).isEqualTo("add alpha and beta");
        });
        assertThat(histories.summary("team", B).orElseThrow()).isEqualTo(new io.rulescope.history.RuleSummary(3,
                histories.versions("team", B).get(0), histories.versions("team", B).get(0)));
    }
}
