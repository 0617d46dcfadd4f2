package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.indicator.IndicatorAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Near misses are weighed by {@link Node#tally} and only the listed ones scored in full, so the tally must say what
 * the full score says: the same truth, matched and total for every rule of the shared corpus on every regression event
 * and on events built from the rules (which fire or nearly fire many of them).
 */
class TallyTest {

    @ParameterizedTest(name = "{0}: {1} of {2}")
    @CsvSource(textBlock = """
            true,  0,   0
            true,  3,   7
            false, 1,   1
            false, 0,   1
            true,  2147483647, 2147483647
            """)
    void aTallyKeepsItsTruthAndCounts(boolean value, int matched, int total) {
        long t = Tally.of(value, matched, total);
        assertThat(Tally.value(t)).isEqualTo(value);
        assertThat(Tally.matched(t)).isEqualTo(matched);
        assertThat(Tally.total(t)).isEqualTo(total);
        assertThat(t).isNotEqualTo(Tally.NONE);
    }

    @Test
    void aTrueTallyBeatsAFalseOneThenTheHigherShareThenMoreMatched() {
        assertThat(Tally.better(Tally.of(true, 0, 0), Tally.of(false, 9, 10))).isTrue();
        assertThat(Tally.better(Tally.of(false, 3, 4), Tally.of(false, 4, 8))).isTrue();
        assertThat(Tally.better(Tally.of(false, 4, 8), Tally.of(false, 2, 4))).isTrue();
        assertThat(Tally.better(Tally.of(false, 2, 4), Tally.of(false, 2, 4))).isFalse();
    }

    @Test
    @EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = SharedData.MISSING)
    void theTallyOfEveryRuleAgreesWithItsFullScore() throws IOException {
        EventMatcher matcher = SharedCatalogs.escuAndSigma().matcher();
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        List<LoggedEvent> events = new ArrayList<>();
        for (SigmaRegressionTest.Case c : SigmaRegressionTest.cases()) {
            events.addAll(reader.readAll(Files.readString(c.json())));
        }
        for (int i = 0; i < matcher.size(); i += 50) {
            LoggedEvent built = PrefilterTest.EventBuilder.from(matcher, i);
            if (built != null) {
                events.add(built);
            }
        }
        long compared = 0;
        long partly = 0;
        for (LoggedEvent event : events) {
            EventFields fields = matcher.fieldsOf(event);
            for (int i = 0; i < matcher.size(); i++) {
                Program p = matcher.program(i);
                if (!p.evaluable()) {
                    continue;
                }
                Node.Score score = p.root().score(fields);
                long tally = p.root().tally(fields);
                if (tally != score.tally()) {
                    assertThat(List.of(Tally.value(tally), Tally.matched(tally), Tally.total(tally)))
                            .as("%s on %s", p.rule().getTitle(), event.fields())
                            .isEqualTo(List.of(score.value(), score.matched(), score.total()));
                }
                assertThat(Tally.value(tally)).isEqualTo(p.root().test(fields));
                compared++;
                partly += !score.value() && score.matched() > 0 ? 1 : 0;
            }
        }
        System.out.printf("tally check: %d rule/event pairs, %d of them partly matched, tally and score agree on all%n", compared, partly);
        assertThat(partly).as("enough partial matches to make the check mean something").isGreaterThan(10_000);
    }
}
