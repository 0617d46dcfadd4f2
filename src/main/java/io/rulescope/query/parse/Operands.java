package io.rulescope.query.parse;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where an operand ends in a list of tokens, for parsers that keep a part they cannot read as text and carry on
 * after it: at the first token, past the first, that {@code endsOperand} accepts at depth 0 of the brackets, or at a
 * closing bracket that closes nothing opened since.
 */
public final class Operands {

    private Operands() {
    }

    /**
     * @param start the index of the operand's first token
     * @param opens the kinds that open a bracket; {@code closes} those that close one
     * @return the index just past the operand's last token (the size of the list when it runs to the end)
     */
    public static <K extends Enum<K>> int end(List<Token<K>> tokens, int start, Predicate<Token<K>> endsOperand, Set<K> opens,
            Set<K> closes) {
        int nesting = 0;
        int i = start;
        while (i < tokens.size()) {
            Token<K> t = tokens.get(i);
            if (nesting == 0 && i > start && endsOperand.test(t)) {
                break;
            }
            if (opens.contains(t.kind())) {
                nesting++;
            } else if (closes.contains(t.kind())) {
                if (nesting == 0) {
                    break;
                }
                nesting--;
            }
            i++;
        }
        return i;
    }
}
