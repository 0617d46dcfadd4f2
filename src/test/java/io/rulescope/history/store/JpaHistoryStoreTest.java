package io.rulescope.history.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

import io.rulescope.history.HistoryCursor;
import io.rulescope.history.HistoryIncrement;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionFacts;
import io.rulescope.history.VersionStamp;

/** Rule versions through Flyway's schema (which Hibernate validates here) and the Spring Data queries pages use. */
@DataJpaTest(properties = "rulescope.history.database-url=jdbc:h2:mem:history-store-test;DB_CLOSE_DELAY=-1")
@Import({ HistoryDatabase.class, JpaHistoryStore.class })
class JpaHistoryStoreTest {

    static final RuleVersion.IndicatorRef IMAGE = new RuleVersion.IndicatorRef("Image", "endswith", "\\a.exe", "match");

    @Autowired
    JpaHistoryStore store;

    static RuleVersion version(String commit, long epochSecond, RuleVersion.Kind kind, String path) {
        return new RuleVersion(commit, Instant.ofEpochSecond(epochSecond), "Ada", "subject of " + commit + "\n\nbody", "Alpha", path,
                kind == RuleVersion.Kind.REMOVED ? null : "blob-" + commit, kind,
                kind == RuleVersion.Kind.ADDED ? new RuleVersion.Changes(List.of(IMAGE), List.of(), List.of("T1059"), List.of(), List.of())
                        : RuleVersion.Changes.NONE);
    }

    static HistoryCursor cursor(String head, int commits) {
        VersionFacts facts = new VersionFacts("Alpha", "test", "high", 1, 2, "rules/a.yml", List.of("execution"), List.of("T1059"),
                List.of(IMAGE));
        return new HistoryCursor("team", head, commits, "c1", Map.of("a", facts), Map.of("rules/a.yml", List.of("a")),
                Map.of("a", new HistoryCursor.Tip(commits, RuleVersion.Kind.MODIFIED)));
    }

    /** Rule a: added in c1, changed in c2 and c3; rule b: added in c1, removed in c3. */
    void threeCommits() {
        store.save("key", new HistoryIncrement(cursor("c2", 2), List.of(
                new NumberedVersion("a", 0, version("c1", 1_000, RuleVersion.Kind.ADDED, "rules/a.yml")),
                new NumberedVersion("b", 0, version("c1", 1_000, RuleVersion.Kind.ADDED, "rules/b.yml")),
                new NumberedVersion("a", 1, version("c2", 2_000, RuleVersion.Kind.MODIFIED, "rules/a.yml"))), true));
        store.save("key", new HistoryIncrement(cursor("c3", 3), List.of(
                new NumberedVersion("a", 2, version("c3", 3_000, RuleVersion.Kind.MOVED, "deprecated/a.yml")),
                new NumberedVersion("b", 1, version("c3", 3_000, RuleVersion.Kind.REMOVED, "rules/b.yml"))), false));
    }

    @Test
    void aRulesVersionsComeBackNewestFirstWithTheirCommitAndChanges() {
        threeCommits();

        List<RuleVersion> a = store.versions("team", "a");

        assertThat(a).extracting(RuleVersion::commit, RuleVersion::kind, RuleVersion::path).containsExactly(
                tuple("c3", RuleVersion.Kind.MOVED, "deprecated/a.yml"), tuple("c2", RuleVersion.Kind.MODIFIED, "rules/a.yml"),
                tuple("c1", RuleVersion.Kind.ADDED, "rules/a.yml"));
        assertThat(a.get(2)).isEqualTo(version("c1", 1_000, RuleVersion.Kind.ADDED, "rules/a.yml"));
        assertThat(store.versions("team", "b").get(0).blob()).isNull();
        assertThat(store.versions("other", "a")).isEmpty();
    }

    @Test
    void versionsComeAPageAtATimeWithTheirTotal() {
        threeCommits();

        Page<RuleVersion> second = store.versions("team", "a", PageRequest.of(1, 2));

        assertThat(second.getTotalElements()).isEqualTo(3);
        assertThat(second.getTotalPages()).isEqualTo(2);
        assertThat(second.getContent()).extracting(RuleVersion::commit).containsExactly("c1");
    }

    @Test
    void aVersionIsFoundByACommitPrefixOrByItsNumber() {
        threeCommits();

        assertThat(store.version("team", "a", "c2")).hasValueSatisfying(v -> assertThat(v.ordinal()).isEqualTo(1));
        assertThat(store.version("team", "a", "c%")).as("a prefix is matched literally").isEmpty();
        assertThat(store.version("team", "a", 0)).hasValueSatisfying(v -> assertThat(v.commit()).isEqualTo("c1"));
        assertThat(store.version("team", "a", 3)).isEmpty();
    }

    @Test
    void aPeriodsVersionsAreStampedWithoutTheirDetailsAndReadInFullForTheRulesShown() {
        threeCommits();

        List<VersionStamp> stamps = new ArrayList<>(store.stampsSince(Instant.ofEpochSecond(2_000)));
        stamps.sort(java.util.Comparator.comparing(VersionStamp::ruleId).thenComparing(VersionStamp::ordinal));

        assertThat(stamps).extracting(VersionStamp::ruleId, VersionStamp::ordinal, VersionStamp::kind).containsExactly(
                tuple("a", 1, RuleVersion.Kind.MODIFIED), tuple("a", 2, RuleVersion.Kind.MOVED), tuple("b", 1, RuleVersion.Kind.REMOVED));
        assertThat(store.versionsSince("team", List.of("a"), Instant.ofEpochSecond(2_000)))
                .extracting(NumberedVersion::ordinal).containsExactly(2, 1);
    }

    @Test
    void eachRulesNewestVersionAndItsAdditionsAreWhatRulePagesSummarise() {
        threeCommits();

        assertThat(store.newestAndAdditions("team")).extracting(NumberedVersion::ruleId, NumberedVersion::ordinal)
                .containsExactly(tuple("a", 0), tuple("a", 2), tuple("b", 0), tuple("b", 1));
    }

    @Test
    void theCursorComesBackOnlyForTheKeyItWasReadWith() {
        threeCommits();

        assertThat(store.cursor("team", "key")).contains(cursor("c3", 3));
        assertThat(store.cursor("team", "another build")).isEmpty();
    }

    @Test
    void aReadFromScratchReplacesWhatWasStoredOfTheSource() {
        threeCommits();

        store.save("new key", new HistoryIncrement(cursor("c9", 1), List.of(
                new NumberedVersion("a", 0, version("c9", 9_000, RuleVersion.Kind.ADDED, "rules/a.yml"))), true));

        assertThat(store.versions("team", "a")).extracting(RuleVersion::commit).containsExactly("c9");
        assertThat(store.versions("team", "b")).isEmpty();
    }

    @Test
    void aHostileFilesOverlongIdTitleAndMessageAreCutRatherThanFailingTheWholeHistory() {
        String longId = "x".repeat(10_000);
        RuleVersion huge = new RuleVersion("c1", Instant.ofEpochSecond(1_000), "A".repeat(10_000), "m".repeat(100_000), "T".repeat(10_000),
                "p".repeat(10_000), "blob", RuleVersion.Kind.ADDED, RuleVersion.Changes.NONE);

        store.save("key", new HistoryIncrement(cursor("c1", 1), List.of(new NumberedVersion(longId, 0, huge),
                new NumberedVersion("a", 0, version("c1", 1_000, RuleVersion.Kind.ADDED, "rules/a.yml"))), true));

        assertThat(store.versions("team", "a")).hasSize(1);
        assertThat(store.newestAndAdditions("team")).extracting(v -> v.version().message().length()).contains(16_001);
    }
}
