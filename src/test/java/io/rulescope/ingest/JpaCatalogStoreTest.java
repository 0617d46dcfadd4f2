package io.rulescope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleRepository;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The store writes in its own transaction, so these tests run outside the slice's per-test one. */
@DataJpaTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class JpaCatalogStoreTest {

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Autowired
    RuleRepository rules;

    /** These tests commit for real; the other JPA slices share the database, so leave it empty. */
    @org.junit.jupiter.api.AfterEach
    void emptyTheTable() {
        new JpaCatalogStore(entityManagerFactory).replaceAll(List.of());
    }

    private static Rule rule(String uid, String ruleId, String path) {
        Rule rule = new Rule(uid, ruleId, false, "Title " + uid, io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setSource("src", path, null, 0);
        rule.setTechniqueIds(List.of("T1059.001"));
        rule.setQuery("x".repeat(100_000));
        return rule;
    }

    @Test
    void aSecondIngestReplacesTheFirstCatalogWhole() {
        JpaCatalogStore store = new JpaCatalogStore(entityManagerFactory);
        store.replaceAll(List.of(rule("u1", "a", "a.yml"), rule("u2", "b", "b.yml")));
        store.replaceAll(List.of(rule("u3", "c", "c.yml")));

        assertThat(rules.findByUid("u1")).isEmpty();
        Rule kept = rules.findByUid("u3").orElseThrow();
        assertThat(kept.getTechniqueIds()).containsExactly("T1059.001");
        assertThat(kept.getQuery()).hasSize(100_000);
        assertThat(kept.isNew()).isFalse();
    }

    @Test
    void aRefreshWritesOnlyWhatChanged() {
        JpaCatalogStore store = new JpaCatalogStore(entityManagerFactory);
        Rule kept = rule("u1", "a", "a.yml");
        store.replaceAll(List.of(kept, rule("u2", "b", "b.yml"), rule("u3", "c", "c.yml")));
        Rule edited = new Rule("u2", "b", false, "Edited", io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        edited.setSource("src", "b.yml", null, 0);

        store.update(List.of(kept, edited, rule("u4", "d", "d.yml")), List.of("u3"), List.of(edited, rule("u4", "d", "d.yml")));

        assertThat(rules.findByUidIn(List.of("u1", "u2", "u3", "u4"))).extracting(Rule::getUid).containsExactlyInAnyOrder("u1", "u2", "u4");
        assertThat(rules.findByUid("u2").orElseThrow().getTitle()).isEqualTo("Edited");
    }

    @Test
    void aRuleWrittenBeforeItsFileTextWasDeflatedStillStoresThatText() {
        Rule rule = rule("u1", "a", "a.yml");
        rule.setRaw("title: A\ndetection:\n    sel:\n        Image|endswith: \\cmd.exe\n" + "# padding\n".repeat(500));

        new JpaCatalogStore(entityManagerFactory).replaceAll(List.of(rule));

        assertThat(rules.findByUid("u1").orElseThrow().getRaw()).startsWith("title: A\n").hasSize(rule.getRaw().length());
    }

    @Test
    void thousandsOfRulesGoInOneCallInBatches() {
        List<Rule> many = java.util.stream.IntStream.range(0, 1_234).mapToObj(i -> rule("m" + i, "id" + i, i + ".yml")).toList();

        new JpaCatalogStore(entityManagerFactory).replaceAll(many);

        assertThat(rules.findByUidIn(List.of("m0", "m617", "m1233"))).hasSize(3);
    }
}
