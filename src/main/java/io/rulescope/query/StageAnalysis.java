package io.rulescope.query;

import java.util.List;

/**
 * One stage of a query as the rule page shows it: SPL commands, or for Sigma each search identifier and then the
 * condition.
 *
 * @param expression what the stage matches, or null for stages that do not filter (eval, table, ...)
 * @param expansion for macro stages, the macro text after expansion
 * @param note why a stage has no predicates or was not fully analysed; null when there is nothing to say
 * @param depth 0 for a stage of the query; 1 and more for the stages of a sub-query (a Kusto {@code let} body, a
 *     join's right side), which follow the stage that holds them
 */
public record StageAnalysis(int n, String command, String text, Expr expression, String expansion, String note, int depth) {

    /** Commands, macro expansions and notes repeat across thousands of rules' stages: one copy each. */
    public StageAnalysis {
        command = Interned.of(command);
        text = Interned.of(text);
        expansion = Interned.of(expansion);
        note = Interned.of(note);
    }

    /** A stage of the query itself, not of a sub-query. */
    public StageAnalysis(int n, String command, String text, Expr expression, String expansion, String note) {
        this(n, command, text, expression, expansion, note, 0);
    }
}
