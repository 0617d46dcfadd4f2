package io.rulescope.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.rulescope.query.kql.KqlTokenizer;

class QueryTooLargeExceptionTest {

    @Test
    void aQueryAtTheCapPassesAndOneCharacterMoreIsRefusedWithBothLengths() {
        assertThatCode(() -> QueryTooLargeException.requireWithin("abcd", 4)).doesNotThrowAnyException();
        assertThatThrownBy(() -> QueryTooLargeException.requireWithin("abcde", 4)).isInstanceOf(QueryTooLargeException.class)
                .hasMessage("query is 5 characters long; queries over 4 are not analysed");
    }

    @Test
    void theKustoTokenizerRefusesAHugeQueryBeforeReadingIt() {
        assertThatThrownBy(() -> KqlTokenizer.tokenize("SecurityEvent | where x == 1 ".repeat(100_000)))
                .isInstanceOf(QueryTooLargeException.class);
    }
}
