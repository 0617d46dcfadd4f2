package io.rulescope.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A catalog's rules are read by every request at once: once in a rule set, a rule cannot change. */
class RuleSetTest {

    @Test
    void aRuleInARuleSetRefusesEveryChangeButKeepsItsTextReadable() {
        Rule rule = new Rule("u1", "id-1", false, "Title", io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setRaw("title: Title\n");
        rule.setStatus("test");

        RuleSet set = RuleSet.of(List.of(rule));

        assertThatThrownBy(() -> rule.setStatus("stable")).isInstanceOf(IllegalStateException.class).hasMessageContaining("u1");
        assertThatThrownBy(() -> rule.setSource("s", "p.yml", null, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rule.setRaw("changed")).isInstanceOf(IllegalStateException.class);
        rule.compactRaw();
        assertThat(set.withId("id-1")).singleElement().satisfies(r -> {
            assertThat(r.getStatus()).isEqualTo("test");
            assertThat(r.getRaw()).isEqualTo("title: Title\n");
        });
    }
}
