package io.rulescope.dialect.kql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rulescope.query.QueryTooLargeException;
import org.junit.jupiter.api.Test;

class KqlTokenizerTest {

    @Test
    void theKustoTokenizerRefusesAHugeQueryBeforeReadingIt() {
        assertThatThrownBy(() -> KqlTokenizer.tokenize("SecurityEvent | where x == 1 ".repeat(100_000)))
                .isInstanceOf(QueryTooLargeException.class);
    }
}
