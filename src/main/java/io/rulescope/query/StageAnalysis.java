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
 * @param noteCode the diagnostic the note states, for notes code acts on; null for a note that only describes
 * @param defines the columns the stage adds or renames (an extend, an eval, a parse pattern), as written; later
 *     stages may test them, and an event does not hold them
 */
public record StageAnalysis(int n, String command, String text, Expr expression, String expansion, String note, int depth,
        Diagnostic noteCode, List<String> defines) {

    /** Commands, macro expansions and notes repeat across thousands of rules' stages: one copy each. */
    public StageAnalysis {
        command = Interned.of(command);
        text = Interned.of(text);
        expansion = Interned.of(expansion);
        note = Interned.of(note);
        defines = defines == null || defines.isEmpty() ? List.of() : List.copyOf(defines);
    }

    /** A stage of the query itself, not of a sub-query, with a note that only describes. */
    public StageAnalysis(int n, String command, String text, Expr expression, String expansion, String note) {
        this(n, command, text, expression, expansion, note, 0, null, List.of());
    }

    /**
     * A stage whose note, when part of its expression was not analysed (other than by design), says which part
     * instead of {@code note}.
     */
    public static StageAnalysis noting(int n, String command, String text, Expr expression, String note, int depth,
            List<String> defines) {
        String gap = expression == null ? null : Expr.firstGap(expression);
        return gap == null ? new StageAnalysis(n, command, text, expression, null, note, depth, null, defines)
                : new StageAnalysis(n, command, text, expression, null, Diagnostic.PARTLY_NOT_ANALYSED.format(gap), depth,
                        Diagnostic.PARTLY_NOT_ANALYSED, defines);
    }

    /** This stage with the text its macros expand to. */
    public StageAnalysis withExpansion(String expanded) {
        return new StageAnalysis(n, command, text, expression, expanded, note, depth, noteCode, defines);
    }

    /** Whether part of what this stage tests was not analysed, so the query's notes should list it. */
    public boolean partlyAnalysed() {
        return noteCode == Diagnostic.PARTLY_NOT_ANALYSED || noteCode == Diagnostic.AGGREGATION_NOT_ANALYSED;
    }
}
