package io.rulescope.query.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryParseException;

/** The shared boolean grammar, driven by a toy language whose leaves are single words. */
class BooleanGrammarTest {

    enum Toy { WORD, LPAREN, RPAREN, PIPE, END }

    static List<Token<Toy>> tokens(String text) {
        List<Token<Toy>> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
            } else if (c == '(' || c == ')' || c == '|') {
                tokens.add(new Token<>(c == '(' ? Toy.LPAREN : c == ')' ? Toy.RPAREN : Toy.PIPE, String.valueOf(c), i, i + 1));
                i++;
            } else {
                int start = i;
                while (i < text.length() && " ()|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token<>(Toy.WORD, text.substring(start, i), start, i));
            }
        }
        tokens.add(new Token<>(Toy.END, "", text.length(), text.length()));
        return tokens;
    }

    static BooleanGrammar<Toy> grammar(boolean implicitAnd) {
        return new BooleanGrammar<>(new BooleanGrammar.Operators<>(t -> t.is(Toy.WORD, "or"), t -> t.is(Toy.WORD, "and"),
                t -> t.is(Toy.WORD, "not"), Toy.LPAREN, Toy.RPAREN, implicitAnd),
                c -> new Expr.Leaf(Predicate.of("f", Kind.EQ, c.next().text())), t -> t.is(Toy.PIPE));
    }

    static String parse(String text, boolean implicitAnd) {
        return IndicatorCollector.render(grammar(implicitAnd).parse(new TokenCursor<>(text, tokens(text))));
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a or b and c            | f eq a OR (f eq b AND f eq c)
            not a and b             | NOT f eq a AND f eq b
            not (a or b)            | NOT (f eq a OR f eq b)
            (a or b) and not not c  | (f eq a OR f eq b) AND NOT NOT f eq c
            A OR b AND c            | f eq A OR (f eq b AND f eq c)
            """)
    void andBindsTighterThanOrAndNotTighterThanBoth(String text, String reading) {
        assertThat(parse(text, false)).isEqualTo(reading);
    }

    @Test
    void whereAndIsImpliedJuxtapositionJoinsOperands() {
        assertThat(parse("a b or c", true)).isEqualTo("(f eq a AND f eq b) OR f eq c");
    }

    @Test
    void withoutImpliedAndTheParseStopsBeforeTheSecondOperand() {
        String text = "a b";
        TokenCursor<Toy> cursor = new TokenCursor<>(text, tokens(text));

        Expr first = grammar(false).parse(cursor);

        assertThat(IndicatorCollector.render(first)).isEqualTo("f eq a");
        assertThat(cursor.peek().text()).isEqualTo("b");
    }

    @Test
    void anExpressionEndsAtATokenTheLanguageSaysEndsIt() {
        String text = "a and b | c";
        TokenCursor<Toy> cursor = new TokenCursor<>(text, tokens(text));

        grammar(true).parse(cursor);

        assertThat(cursor.peek().is(Toy.PIPE)).isTrue();
        assertThat(cursor.textSince(0)).isEqualTo("a and b");
    }

    @ParameterizedTest(name = "{0}: {1} at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            (a and b      | UNBALANCED | 8
            a and         | INCOMPLETE | 5
            a and ) b     | UNEXPECTED | 6
            or a          | UNEXPECTED | 0
            ""            | INCOMPLETE | 0
            """)
    void aMalformedExpressionIsRefusedWithItsCodeAndPosition(String text, Diagnostic diagnostic, int position) {
        assertThatThrownBy(() -> parse(text, false)).isInstanceOfSatisfying(QueryParseException.class, e -> {
            assertThat(e.diagnostic()).isEqualTo(diagnostic);
            assertThat(e.code()).isEqualTo(diagnostic.name());
            assertThat(e.position()).isEqualTo(position);
        });
    }

    @Test
    void nestingPastTheCapIsRefusedBeforeTheStackIs() {
        String deep = "(".repeat(Limits.MAX_DEPTH + 1) + "a" + ")".repeat(Limits.MAX_DEPTH + 1);
        String deepNots = "not ".repeat(100_000) + "a";

        assertThatThrownBy(() -> parse(deep, false)).isInstanceOfSatisfying(QueryParseException.class,
                e -> assertThat(e.diagnostic()).isEqualTo(Diagnostic.NESTS_TOO_DEEP));
        assertThatThrownBy(() -> parse(deepNots, false)).isInstanceOfSatisfying(QueryParseException.class,
                e -> assertThat(e.diagnostic()).isEqualTo(Diagnostic.NESTS_TOO_DEEP));
        assertThat(parse("(".repeat(Limits.MAX_DEPTH) + "a" + ")".repeat(Limits.MAX_DEPTH), false)).isEqualTo("f eq a");
    }

    static String parseRecovering(String text) {
        BooleanGrammar<Toy> recovering = grammar(false).recovering(c -> {
            int from = c.mark();
            while (!c.atEnd()) {
                c.next();
            }
            return new Expr.Opaque(c.textSince(from), "too deep");
        });
        return IndicatorCollector.render(recovering.parseWhole(new TokenCursor<>(text, tokens(text))));
    }

    @ParameterizedTest(name = "recovering, {0} reads as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a and (b or c            | f eq a AND (f eq b OR f eq c)
            a or b ) c               | (f eq a OR f eq b) AND [not analysed: ) c]
            a b                      | f eq a AND [not analysed: b]
            """)
    void aRecoveringGrammarLetsAMissingParenthesisPassAndKeepsWhatFollowsAsOpaque(String text, String reading) {
        assertThat(parseRecovering(text)).isEqualTo(reading);
    }

    @Test
    void aRecoveringGrammarHandsTheRestOfAQueryNestedPastTheCapToTheLanguage() {
        String deep = "(".repeat(Limits.MAX_DEPTH + 1) + "a" + ")".repeat(Limits.MAX_DEPTH + 1);

        assertThat(parseRecovering(deep)).startsWith("[not analysed: (a)").doesNotContain("f eq a");
        assertThat(parseRecovering("not ".repeat(100_000) + "a")).contains("[not analysed: not");
    }
}
