package io.rulescope.dialect;

import java.util.Set;

/**
 * How the event matcher evaluates a dialect's rule on one event. A dialect chooses; the matcher carries it out and
 * never asks which language a rule is in.
 */
public sealed interface EventEvaluation {

    /** Not evaluated on one event, with the reason the rule's page gives. */
    record NotEvaluated(String reason) implements EventEvaluation {
    }

    /** A Sigma detection in full: its search identifiers under its condition. */
    record SigmaDetection() implements EventEvaluation {
    }

    /** An SPL search's first stage: its predicates and their boolean structure, data selection set aside. */
    record SearchFirstStage() implements EventEvaluation {
    }

    /**
     * The query's filters: all of them ({@code firstStageOnly} false), or those before its first operator that
     * reshapes rows, passing over the {@code passing} ones that keep every row.
     */
    record Filters(Set<String> passing, boolean firstStageOnly) implements EventEvaluation {
    }

    /** An EQL sequence or sample on its first step. */
    record SequenceFirstStep() implements EventEvaluation {
    }
}
