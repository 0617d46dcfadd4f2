package io.rulescope.query;

import java.util.List;

/**
 * The boolean structure of what a stage matches, kept as written so pages can show it. Leaves are predicates,
 * bare search terms, references to Sigma search identifiers, or text that was not analysed (with the reason).
 */
public sealed interface Expr extends java.io.Serializable {

    record And(List<Expr> parts) implements Expr {
    }

    record Or(List<Expr> parts) implements Expr {
    }

    record Not(Expr inner) implements Expr {
    }

    record Leaf(Predicate predicate) implements Expr {
    }

    /** A bare string or word matched against the raw event text, not bound to a field. */
    record Term(String text, String viaMacro) implements Expr {
    }

    /** A Sigma search identifier used by the condition. */
    record Ref(String identifier) implements Expr {
    }

    /** Something the analyser saw but did not take apart; shown with the reason rather than guessed at. */
    record Opaque(String text, String reason) implements Expr {
    }

    /** Matches everything ({@code search *}, an empty filter macro). */
    record All() implements Expr {
    }

}
