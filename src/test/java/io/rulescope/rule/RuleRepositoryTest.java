package io.rulescope.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

@DataJpaTest
class RuleRepositoryTest {

    @Autowired
    RuleRepository rules;

    @Autowired
    TestEntityManager entities;

    private void store(Rule... rules) {
        for (Rule rule : rules) {
            entities.persist(rule);
        }
        entities.flush();
        entities.clear();
    }

    private static Rule rule(String uid, String ruleId, String path, int doc) {
        Rule rule = new Rule(uid, ruleId, false, "Title " + uid, io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setSource("src", path, null, doc);
        rule.setReferences(List.of("https://a.example", "  multi\n line  ", ""));
        rule.setTechniqueIds(List.of("T1059", "T1059.001"));
        return rule;
    }

    @Test
    void listsSurviveTheRoundTripWithEntriesFoldedToOneLine() {
        store(rule("u1", "id-1", "a.yml", 0));

        Rule loaded = rules.findByUid("u1").orElseThrow();

        assertThat(loaded.getReferences()).containsExactly("https://a.example", "multi line");
        assertThat(loaded.getTechniqueIds()).containsExactly("T1059", "T1059.001");
        assertThat(loaded.isNew()).isFalse();
    }

    @Test
    void rulesSharingAnIdComeBackInSourceAndDocumentOrder() {
        store(rule("u3", "shared", "b.yml", 0), rule("u2", "shared", "a.yml", 1), rule("u1", "shared", "a.yml", 0));

        assertThat(rules.findByRuleIdOrderBySourceNameAscSourcePathAscDocIndexAsc("shared")).extracting(Rule::getUid)
                .containsExactly("u1", "u2", "u3");
        assertThat(rules.findBySourceNameAndSourcePathOrderByDocIndex("src", "a.yml")).extracting(Rule::getUid)
                .containsExactly("u1", "u2");
    }
}
