package io.rulescope.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** A rule page shows a few values of a group, and even "all" stays a page a browser can hold. */
class RuleAnatomyTest {

    private static RuleAnatomy.IndicatorGroup groupOf(int values) {
        return new RuleAnatomy.IndicatorGroup("Hashes", null, "file.hash", "eq", "match", List.of(),
                IntStream.range(0, values).mapToObj(i -> new RuleAnatomy.ValueCount("h" + i, 0, null)).toList());
    }

    @Test
    void aGroupShowsFiftyValuesAndEvenAllStopsAtTwoThousand() {
        RuleAnatomy.IndicatorGroup hashes = groupOf(50_000);

        assertThat(hashes.shown(false)).hasSize(RuleAnatomy.SHOWN_VALUES);
        assertThat(hashes.shown(true)).hasSize(RuleAnatomy.MAX_SHOWN_VALUES);
        assertThat(hashes.hidden(true)).isEqualTo(48_000);
        assertThat(groupOf(300).shown(true)).hasSize(300);
    }
}
