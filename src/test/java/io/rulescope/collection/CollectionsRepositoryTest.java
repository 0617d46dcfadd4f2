package io.rulescope.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.rulescope.UserDatabase;
import io.rulescope.history.GitBlobId;
import io.rulescope.history.HistoryCursor;
import io.rulescope.history.HistoryIncrement;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleVersion;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Collections through Flyway's schema (which Hibernate validates) on the embedded H2; {@link PostgresCollectionsRepositoryTest}
 * runs the same tests against a real PostgreSQL server.
 */
@DataJpaTest
@Import({ UserDatabase.class, Collections.class, CollectionsRepositoryTest.Histories.class })
class CollectionsRepositoryTest {

    @TestConfiguration
    static class Histories {
        @Bean
        RuleHistories ruleHistories() {
            return new RuleHistories();
        }
    }

    @Autowired
    Collections collections;

    @Autowired
    RuleHistories histories;

    @Autowired
    TestEntityManager entities;

    static Rule rule(String source, String id, String title, String text) {
        Rule rule = new Rule(source + ":" + id, id, false, title, RuleFormat.LOGIC);
        rule.setSource(source, "rules/" + id + ".yml", null, 0);
        rule.setRaw(text);
        return rule;
    }

    /** One commit of a source's history that adds each rule with its text: ids and texts, alternating. */
    void gitHistory(String source, String commit, String... idsAndTexts) {
        List<NumberedVersion> versions = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndTexts.length; i += 2) {
            versions.add(new NumberedVersion(idsAndTexts[i], 0, new RuleVersion(commit, Instant.ofEpochSecond(1_000), "Ada", "add", "T",
                    "rules/" + idsAndTexts[i] + ".yml", GitBlobId.of(idsAndTexts[i + 1]), RuleVersion.Kind.ADDED, RuleVersion.Changes.NONE)));
        }
        HistoryIncrement increment = new HistoryIncrement(new HistoryCursor(source, commit, 1, commit, Map.of(), Map.of(), Map.of()),
                versions, true);
        histories.store().save("key", increment);
        histories.publish(increment);
    }

    @Test
    void aCollectionIsCreatedListedWithItsSizeAndFoundByItsNameInAnyCase() {
        RuleCollection prod = collections.create("  Deployed: prod Splunk ", "What runs in production", "ada");
        collections.create("Review backlog", "", "ada");
        collections.add(prod.getId(), List.of(rule("sigma", "a", "Alpha", "title: Alpha"), rule("sigma", "b", "Beta", "title: Beta")), "ada");

        assertThat(collections.list(source -> true)).extracting(Collections.Summary::name, Collections.Summary::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Deployed: prod Splunk", 2L),
                        org.assertj.core.groups.Tuple.tuple("Review backlog", 0L));
        assertThat(collections.named("deployed: PROD splunk")).map(RuleCollection::getId).contains(prod.getId());
    }

    @Test
    void aSecondCollectionWithTheSameNameInAnotherCaseIsRefused() {
        collections.create("Deployed", "", "ada");

        assertThatThrownBy(() -> collections.create("DEPLOYED", "", "bob")).isInstanceOf(CollectionProblem.class)
                .hasMessage("A collection named 'DEPLOYED' exists already.")
                .extracting(e -> ((CollectionProblem) e).kind()).isEqualTo(CollectionProblem.Kind.CONFLICT);
    }

    @Test
    void namesMustBeOneNonBlankLineOfAtMostTwoHundredCharacters() {
        assertThatThrownBy(() -> collections.create(" ", "", "ada")).hasMessage("A collection needs a name.");
        assertThatThrownBy(() -> collections.create("x".repeat(201), "", "ada")).hasMessageContaining("at most 200");
        assertThatThrownBy(() -> collections.create("a\nb", "", "ada")).hasMessage("A collection's name is one line of text.");
    }

    @Test
    void aMemberPinsTheCommitWhereTheSourceHasHistoryAndAlwaysTheTextStoredOncePerHash() {
        gitHistory("git-sigma", "c0ffee", "a", "title: Alpha\n", "c", "title: Gamma as the history last read it\n");
        RuleCollection one = collections.create("One", "", "ada");
        RuleCollection two = collections.create("Two", "", "ada");
        Rule a = rule("git-sigma", "a", "Alpha", "title: Alpha\n");
        Rule b = rule("local", "b", "Beta", "title: Beta\n");
        Rule c = rule("git-sigma", "c", "Gamma", "title: Gamma, newer than the history\n");

        collections.add(one.getId(), List.of(a, b, c), "ada");
        collections.add(two.getId(), List.of(a), "bob");
        entities.flush();

        List<CollectionMember> members = collections.members(one.getId());
        assertThat(members).extracting(CollectionMember::getRuleId, CollectionMember::getPinnedCommit, CollectionMember::getAddedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "c0ffee", "ada"), org.assertj.core.groups.Tuple.tuple("b", null, "ada"),
                        org.assertj.core.groups.Tuple.tuple("c", null, "ada"));
        assertThat(members.get(0).getPinnedHash()).isEqualTo(PinnedText.hashOf("title: Alpha\n")).hasSize(64);
        assertThat(collections.pinnedTexts(List.of(members.get(0).getPinnedHash()))).containsValue("title: Alpha\n");
        assertThat(entities.getEntityManager().createQuery("select count(t) from PinnedText t", Long.class).getSingleResult()).isEqualTo(3L);
    }

    @Test
    void addingARuleAlreadyThereKeepsItsPinAndSaysSo() {
        RuleCollection c = collections.create("C", "", "ada");
        collections.add(c.getId(), List.of(rule("sigma", "a", "Alpha", "v1")), "ada");

        Collections.Added again = collections.add(c.getId(), List.of(rule("sigma", "a", "Alpha", "v2"), rule("sigma", "b", "Beta", "v1")), "bob");

        assertThat(again.added()).extracting(CollectionMember::getRuleId).containsExactly("b");
        assertThat(again.present()).extracting(CollectionMember::getRuleId).containsExactly("a");
        assertThat(collections.members(c.getId()).get(0).getPinnedHash()).isEqualTo(PinnedText.hashOf("v1"));
    }

    @Test
    void reviewingMovesThePinToTheCurrentVersionAndTheLogSaysWhoDidWhatNewestFirst() {
        RuleCollection c = collections.create("C", "", "ada");
        collections.add(c.getId(), List.of(rule("sigma", "a", "Alpha", "v1")), "ada");

        collections.review(c.getId(), rule("sigma", "a", "Alpha 2", "v2"), "bob");
        collections.remove(c.getId(), "a", "carol", source -> true);
        entities.flush();

        assertThat(collections.log(c.getId(), source -> true)).extracting(CollectionEvent::getActor, CollectionEvent::getSummary).containsExactly(
                org.assertj.core.groups.Tuple.tuple("carol", "removed 'Alpha 2' (a)"),
                org.assertj.core.groups.Tuple.tuple("bob", "reviewed 'Alpha 2' (a): pin moved from " + PinnedText.hashOf("v1").substring(0, 12)
                        + " to " + PinnedText.hashOf("v2").substring(0, 12)),
                org.assertj.core.groups.Tuple.tuple("ada", "added 'Alpha' (a)"),
                org.assertj.core.groups.Tuple.tuple("ada", "created the collection"));
        assertThat(collections.members(c.getId())).isEmpty();
    }

    @Test
    void deletingACollectionTakesItsMembersAndLogWithItButNotAnotherCollectionsPins() {
        RuleCollection gone = collections.create("Gone", "", "ada");
        RuleCollection kept = collections.create("Kept", "", "ada");
        collections.add(gone.getId(), List.of(rule("sigma", "a", "Alpha", "v1")), "ada");
        collections.add(kept.getId(), List.of(rule("sigma", "a", "Alpha", "v1")), "ada");
        entities.flush();

        collections.delete(gone.getId(), "ada");
        entities.flush();
        entities.clear();

        assertThat(collections.find(gone.getId())).isEmpty();
        assertThat(collections.log(gone.getId(), source -> true)).isEmpty();
        assertThat(collections.members(kept.getId())).hasSize(1);
        assertThat(entities.getEntityManager().createQuery("select count(m) from CollectionMember m", Long.class).getSingleResult()).isEqualTo(1L);
    }

    @Test
    void renamingIsLoggedAndCannotTakeAnotherCollectionsName() {
        RuleCollection c = collections.create("Old", "", "ada");
        collections.create("Taken", "", "ada");

        collections.update(c.getId(), "New", "described", "bob");

        assertThat(collections.find(c.getId())).get().extracting(RuleCollection::getName, RuleCollection::getDescription)
                .containsExactly("New", "described");
        assertThat(collections.log(c.getId(), source -> true).get(0).getSummary()).isEqualTo("renamed the collection from 'Old' to 'New'");
        assertThatThrownBy(() -> collections.update(c.getId(), "taken", "", "bob")).isInstanceOf(CollectionProblem.class);
    }

    @Test
    void aReaderWhoMayNotSeeAPrivateSourceGetsNeitherItsMembersCountedNorItsEventsNorMayRemoveThem() {
        RuleCollection c = collections.create("Mixed", "", "ada");
        collections.add(c.getId(), List.of(rule("sigma", "a", "Alpha", "v1"), rule("sigma", "b", "Beta", "v1"),
                rule("acme", "secret-1", "Acme secret one", "v1"), rule("acme", "secret-2", "Acme secret two", "v1")), "ada");
        collections.review(c.getId(), rule("acme", "secret-1", "Acme secret one", "v2"), "ada");
        entities.flush();
        java.util.function.Predicate<String> withoutAcme = source -> !source.equals("acme");

        assertThat(collections.list(withoutAcme)).extracting(Collections.Summary::size).containsExactly(2L);
        assertThat(collections.list(source -> true)).extracting(Collections.Summary::size).containsExactly(4L);
        assertThat(collections.log(c.getId(), withoutAcme)).extracting(CollectionEvent::getSummary)
                .containsExactly("added 2 rules", "created the collection");
        assertThat(collections.log(c.getId(), source -> true)).extracting(CollectionEvent::getSummary).hasSize(4)
                .anySatisfy(summary -> assertThat(summary).contains("Acme secret one"));
        assertThat(collections.remove(c.getId(), "secret-2", "bob", withoutAcme)).isFalse();
        assertThat(collections.members(c.getId())).hasSize(4);
    }
}
