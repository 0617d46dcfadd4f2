package io.rulescope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import io.rulescope.SharedData;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleVersion;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.rule.Rule;

/** The real SigmaHQ history (the shared bundle, 222 commits) as a git source: every rule gets a history that adds up. */
@EnabledIf(value = "io.rulescope.SharedData#historyPresent", disabledReason = SharedData.MISSING)
class SharedHistoryTest {

    @TempDir
    static Path data;

    static IngestServiceTest.Ingest ingest;

    /**
     * A bare repository holding the bundle's history on {@code main}, as {@code git clone --bare} would make it: the
     * bundle itself names only HEAD, which no remote does.
     */
    static Path remoteFromTheBundle() throws Exception {
        Path remote = data.resolve("sigma.git");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init().setBare(true).setInitialBranch("main")
                .setDirectory(remote.toFile()).call()) {
            git.fetch().setRemote(SharedData.sigmaHistory().toString())
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("+HEAD:refs/heads/main")).call();
        }
        return remote;
    }

    @BeforeAll
    static void readTheBundleAsAGitSource() throws Exception {
        IngestProperties properties = new IngestProperties(List.of("sigma=" + remoteFromTheBundle().toUri()), 1 << 20, 0,
                Map.of(), "", data.resolve("data").toString(), null, "");
        ingest = IngestServiceTest.ingestInto(properties, IngestServiceTest.ATTACK,
                new io.rulescope.indicator.IndicatorAnalysis(io.rulescope.indicator.IndicatorAnalysis.shippedTaxonomy(),
                        io.rulescope.indicator.IndicatorAnalysis.shippedEventTables()));
        ingest.service().ingest();
        long started = System.nanoTime();
        ingest.service().awaitHistory();
        System.out.printf("History of the shared SigmaHQ bundle read in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void theWholeFirstParentLineIsRead() {
        assertThat(ingest.histories().state("sigma")).isEqualTo(RuleHistories.State.READY);
        assertThat(ingest.histories().head("sigma")).hasValueSatisfying(head -> assertThat(head.commits()).isEqualTo(222));
    }

    @Test
    void everyRuleInTheCatalogHasAHistoryWhoseNewestVersionIsWhereItIsNow() {
        List<Rule> rules = ingest.catalog().rules().all();
        assertThat(rules).hasSizeGreaterThan(3000);
        for (Rule rule : rules) {
            List<RuleVersion> versions = ingest.histories().versions("sigma", rule.getRuleId());
            assertThat(versions).as(rule.getSourcePath()).isNotEmpty();
            assertThat(versions.get(0).kind()).as(rule.getSourcePath()).isNotEqualTo(RuleVersion.Kind.REMOVED);
            assertThat(versions.get(versions.size() - 1).kind()).as(rule.getSourcePath()).isEqualTo(RuleVersion.Kind.ADDED);
        }
        long duplicated = rules.stream().map(Rule::getRuleId).distinct().count();
        assertThat(rules.stream().filter(r -> ingest.histories().versions("sigma", r.getRuleId()).get(0).path().equals(r.getSourcePath())).count())
                .as("rules whose newest version is at their current path (ids shared by two files excepted)")
                .isGreaterThanOrEqualTo(duplicated - 20);
    }

    @Test
    void everyRenameOfARuleFileIsAMoveAndRulesThatChangeFileWithoutARenameAreFollowedByTheirId() {
        long moves = ingest.histories().store().stampsSince(java.time.Instant.EPOCH).stream().filter(v -> v.kind() == RuleVersion.Kind.MOVED).count();

        // git log --first-parent -M on the bundle: 189 renames of files under rules*/; a rule whose id turns up in
        // another file in the same commit without git pairing the files is a move too.
        assertThat(moves).isGreaterThanOrEqualTo(189);
    }

    @Test
    void rulesMovedToDeprecatedKeepTheirEarlierVersions() {
        List<Rule> deprecated = ingest.catalog().rules().all().stream().filter(r -> r.getSourcePath().startsWith("deprecated/")).toList();
        long followed = deprecated.stream().map(r -> ingest.histories().versions("sigma", r.getRuleId()))
                .filter(v -> v.stream().anyMatch(x -> x.kind() == RuleVersion.Kind.MOVED)
                        && v.stream().anyMatch(x -> !x.path().startsWith("deprecated/")))
                .count();
        // git log --first-parent -M --name-status on the bundle lists 11 renames into deprecated/.
        assertThat(followed).as("deprecated rules whose history goes back to before their move").isEqualTo(11);
    }
}
