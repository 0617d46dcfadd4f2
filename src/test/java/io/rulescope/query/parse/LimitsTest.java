package io.rulescope.query.parse;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rulescope.query.QueryParseException;
import io.rulescope.query.QueryTooLargeException;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void aQueryAtTheCapPassesAndOneCharacterMoreIsRefusedWithBothLengths() {
        assertThatCode(() -> Limits.requireLength("a".repeat(Limits.MAX_QUERY_LENGTH))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Limits.requireLength("a".repeat(Limits.MAX_QUERY_LENGTH + 1)))
                .isInstanceOf(QueryTooLargeException.class)
                .hasMessage("the query is 100001 characters long; queries over 100000 are not analysed");
    }

    @Test
    void theDepthCountAllowsTheCapAndRefusesOneLevelMoreAtThePositionGiven() {
        Limits.Depth depth = new Limits.Depth();
        for (int i = 0; i < Limits.MAX_DEPTH; i++) {
            depth.enter(i);
        }
        assertThatThrownBy(() -> depth.enter(7)).isInstanceOfSatisfying(QueryParseException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.position()).isEqualTo(7));
    }
}
