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
}
