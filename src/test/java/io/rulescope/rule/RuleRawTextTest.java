package io.rulescope.rule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A rule's file text reads the same before and after ingest deflates it, and compares by content either way. */
class RuleRawTextTest {

    private static final String TEXT = "title: Suspicious Whoami\ndetection:\n    selection:\n        Image|endswith: '\\whoami.exe'\n"
            + "    condition: selection\n" + "description: ünïcödé and more text to deflate\n".repeat(40);

    private static Rule rule(String raw) {
        Rule rule = new Rule("u", "id", false, "Title", io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setRaw(raw);
        return rule;
    }

    @Test
    void theTextReadsTheSameBeforeAndAfterItIsDeflated() {
        Rule rule = rule(TEXT);
        assertThat(rule.getRaw()).isEqualTo(TEXT);

        rule.compactRaw();
        rule.compactRaw();

        assertThat(rule.getRaw()).isEqualTo(TEXT);
    }

    @Test
    void sameRawComparesTheTextWhateverStateEachRuleIsIn() {
        Rule deflated = rule(TEXT);
        deflated.compactRaw();
        Rule asRead = rule(TEXT);
        Rule other = rule(TEXT + "x");

        assertThat(deflated.sameRaw(asRead)).isTrue();
        assertThat(asRead.sameRaw(deflated)).isTrue();
        assertThat(asRead.sameRaw(other)).isFalse();
        other.compactRaw();
        assertThat(deflated.sameRaw(other)).isFalse();
        asRead.compactRaw();
        assertThat(deflated.sameRaw(asRead)).isTrue();
    }

    @Test
    void aRuleWithoutFileTextStaysWithout() {
        Rule rule = rule(null);
        rule.compactRaw();

        assertThat(rule.getRaw()).isNull();
        assertThat(rule.sameRaw(rule(null))).isTrue();
    }
}
