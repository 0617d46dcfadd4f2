package io.rulescope.query.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperandsTest {

    enum Kind { WORD, OPEN, CLOSE }

    /** Words split on spaces; "(" and ")" are brackets. */
    private static List<Token<Kind>> tokens(String text) {
        List<Token<Kind>> out = new ArrayList<>();
        int at = 0;
        for (String word : text.split(" ")) {
            Kind kind = word.equals("(") ? Kind.OPEN : word.equals(")") ? Kind.CLOSE : Kind.WORD;
            out.add(new Token<>(kind, word, at, at + word.length()));
            at += word.length() + 1;
        }
        return out;
    }

    @ParameterizedTest(name = "from {1} in \"{0}\" the operand ends before token {2}")
    @CsvSource(delimiter = '|', textBlock = """
            f ( x and y ) and g       | 0 | 6
            f ( x and y ) and g       | 2 | 3
            f x y                     | 0 | 3
            and f and g               | 0 | 2
            f ( x ) ) and g           | 0 | 4
            ) f                       | 0 | 0
            """)
    void anOperandEndsAtTheFirstBoundaryOutsideItsBracketsOrAtABracketItDidNotOpen(String text, int start, int end) {
        assertThat(Operands.end(tokens(text.strip()), start, t -> t.is(Kind.WORD, "and"), EnumSet.of(Kind.OPEN),
                EnumSet.of(Kind.CLOSE))).isEqualTo(end);
    }
}
