package io.rulescope.match;

import io.rulescope.rule.Rule;
import java.util.List;

/**
 * One rule evaluated on one event, predicate by predicate, for the rule's test page.
 *
 * @param rows the detection as a tree, each row with its result and the event value a predicate matched
 * @param misfit why the rule's log source does not fit the event, or null
 * @param notEvaluated why the rule cannot be evaluated at all, or null
 */
public record RuleTrace(Rule rule, boolean fires, String evaluation, List<Row> rows, String misfit, String notEvaluated,
        List<String> notes, boolean truncated) {

    /** @param kind {@code identifier}, {@code all}, {@code any}, {@code not} or {@code predicate} */
    public record Row(int depth, String kind, String label, boolean result, String eventField, String eventValue) {
    }
}
