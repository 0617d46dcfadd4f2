package io.rulescope.query.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedStringsTest {

    private static final QuotedStrings.Rules ESCAPED = new QuotedStrings.Rules(true, false, false);
    private static final QuotedStrings.Rules VERBATIM = new QuotedStrings.Rules(false, true, false);
    private static final QuotedStrings.Rules ONE_LINE = new QuotedStrings.Rules(true, false, true);

    @Test
    void backslashEscapesResolveToTheCharacterTheyName() {
        QuotedStrings.Read read = QuotedStrings.read("x = \"a\\\"b\\tc\\\\d\" and", 4, ESCAPED);

        assertThat(read.value()).isEqualTo("a\"b\tc\\d");
        assertThat(read.end()).isEqualTo(16);
    }

    @Test
    void aVerbatimStringDoublesItsQuoteAndKeepsBackslashes() {
        QuotedStrings.Read read = QuotedStrings.read("'C:\\Temp\\it''s'", 0, VERBATIM);

        assertThat(read.value()).isEqualTo("C:\\Temp\\it's");
        assertThat(read.end()).isEqualTo(15);
    }

    @Test
    void aStringNeverClosedOrBrokenByALineWhereThatIsNotAllowedIsNotRead() {
        assertThat(QuotedStrings.read("\"open to the end", 0, ESCAPED)).isNull();
        assertThat(QuotedStrings.read("\"one\nline\"", 0, ONE_LINE)).isNull();
        assertThat(QuotedStrings.read("\"one\nline\"", 0, ESCAPED).value()).isEqualTo("one\nline");
    }
}
