package io.rulescope.query.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.parse.BooleanGrammarTest.Toy;

class TokenCursorTest {

    private static TokenCursor<Toy> cursor(String text) {
        return new TokenCursor<>(text, BooleanGrammarTest.tokens(text));
    }

    @Test
    void peekingPastTheEndKeepsGivingTheEndToken() {
        TokenCursor<Toy> c = cursor("a");

        assertThat(c.next().text()).isEqualTo("a");
        assertThat(c.atEnd()).isTrue();
        assertThat(c.next().is(Toy.END)).isTrue();
        assertThat(c.peek(5).is(Toy.END)).isTrue();
    }

    @Test
    void acceptTakesOnlyTheKindOrWordAskedFor() {
        TokenCursor<Toy> c = cursor("Over 5m");

        assertThat(c.accept(Toy.LPAREN)).isFalse();
        assertThat(c.accept(Toy.WORD, "by")).isFalse();
        assertThat(c.accept(Toy.WORD, "over")).isTrue();
        assertThat(c.peek().text()).isEqualTo("5m");
    }

    @Test
    void skippingToABoundaryPassesOverParenthesisedParts() {
        TokenCursor<Toy> c = cursor("f(a | b) x | y");

        c.skipTo(t -> t.is(Toy.PIPE), Toy.LPAREN, Toy.RPAREN);

        assertThat(c.peek().start()).isEqualTo(11);
        assertThat(c.textSince(0)).isEqualTo("f(a | b) x");
    }

    @Test
    void markAndResetGoBackForASecondReading() {
        TokenCursor<Toy> c = cursor("a b c");
        int mark = c.mark();
        c.next();
        c.next();

        c.reset(mark);

        assertThat(c.peek().text()).isEqualTo("a");
        assertThat(c.textSince(mark)).isEmpty();
    }

    @Test
    void expectNamesWhatWasMissingOrWhatCameInstead() {
        assertThatThrownBy(() -> cursor("a").expect(Toy.LPAREN, "'('")).isInstanceOfSatisfying(QueryParseException.class, e -> {
            assertThat(e.diagnostic()).isEqualTo(Diagnostic.UNEXPECTED);
            assertThat(e.getMessage()).isEqualTo("unexpected 'a'");
        });
        assertThatThrownBy(() -> cursor("").expect(Toy.LPAREN, "'('")).isInstanceOfSatisfying(QueryParseException.class, e -> {
            assertThat(e.diagnostic()).isEqualTo(Diagnostic.INCOMPLETE);
            assertThat(e.getMessage()).isEqualTo("the query ends where '(' was expected");
        });
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "from {1} in \"{0}\" the operand ends before token {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            f ( x and y ) and g       | 0 | 6
            f ( x and y ) and g       | 2 | 3
            f x y                     | 0 | 3
            and f and g               | 0 | 2
            f ( x ) ) and g           | 0 | 4
            ) f                       | 0 | 1
            """)
    void skippingAnOperandStopsAtABoundaryOutsideItsBracketsOrAtABracketItDidNotOpenButAlwaysTakesOneToken(String text, int start,
            int end) {
        TokenCursor<Toy> c = cursor(text.strip());

        c.skipOperand(start, t -> t.is(Toy.WORD, "and"), java.util.EnumSet.of(Toy.LPAREN), java.util.EnumSet.of(Toy.RPAREN));

        assertThat(c.mark()).isEqualTo(end);
    }

    @Test
    void theClosingBracketIsFoundPastNestedOnesOrTheLastTokenWhenThereIsNone() {
        TokenCursor<Toy> c = cursor("f ( a ( b ) c ) d");
        c.next();

        assertThat(c.closing(java.util.EnumSet.of(Toy.LPAREN), java.util.EnumSet.of(Toy.RPAREN))).isEqualTo(7);
        assertThat(c.tokens(2, 7)).extracting(Token::text).containsExactly("a", "(", "b", ")", "c");
        c.reset(3);
        assertThat(c.closing(java.util.EnumSet.of(Toy.LPAREN), java.util.EnumSet.of(Toy.RPAREN))).isEqualTo(5);
        TokenCursor<Toy> unclosed = cursor("f ( a b");
        unclosed.next();
        assertThat(unclosed.closing(java.util.EnumSet.of(Toy.LPAREN), java.util.EnumSet.of(Toy.RPAREN))).isEqualTo(3);
    }

    @Test
    void aSliceOfAQueryGetsAnEndTokenOfNoKindWhereItsLastTokenEnds() {
        java.util.List<Token<Toy>> slice = BooleanGrammarTest.tokens("a b | c").subList(0, 2);
        TokenCursor<Toy> c = TokenCursor.over("a b | c", slice);

        assertThat(c.textFrom(0)).as("nothing taken yet: the next token's text").isEqualTo("a");
        c.next();
        c.next();
        assertThat(c.atEnd()).isTrue();
        assertThat(c.peek().kind()).isNull();
        assertThat(c.peek().start()).isEqualTo(3);
        assertThat(c.textFrom(0)).isEqualTo("a b");
    }
}
