package io.rulescope.match;

import io.rulescope.rule.Rule;
import java.util.List;

/**
 * One rule ready to run on events: its detection compiled to a {@link Node}, whether that is all of it (Sigma) or
 * only its first stage (SPL, and Sigma conditions with the old aggregation syntax), and why it cannot be run at all
 * when it cannot ({@code notEvaluated}), or which of its parts never run ({@code notes}, a regex RE2/J refuses).
 */
record Program(Rule rule, Node root, boolean firstStage, String notEvaluated, List<String> notes) {

    Program {
        notes = List.copyOf(notes);
    }

    boolean evaluable() {
        return notEvaluated == null && root != null;
    }

    String evaluation() {
        return firstStage ? "first-stage" : "full";
    }
}
