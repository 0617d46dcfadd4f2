package io.rulescope.query;

import java.util.List;

/**
 * The boolean structure of what a stage matches, kept as written so pages can show it. Leaves are predicates,
 * bare search terms, references to Sigma search identifiers, or text that was not analysed (with the reason).
 */
public sealed interface Expr {

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

    /**
     * Something the analyser saw but did not take apart; shown with the reason rather than guessed at. {@code byDesign}
     * when the part cannot be taken apart because of what it is (a lookup in a list the rule does not hold), not
     * because the analyser falls short ({@link Diagnostic#byDesign()}).
     */
    record Opaque(String text, String reason, boolean byDesign) implements Expr {

        public Opaque(String text, String reason) {
            this(text, reason, false);
        }

        /** A part left unanalysed for the reason {@code diagnostic} gives, with its arguments. */
        public static Opaque of(String text, Diagnostic diagnostic, Object... args) {
            return new Opaque(text, diagnostic.format(args), diagnostic.byDesign());
        }
    }

    /** Matches everything ({@code search *}, an empty filter macro). */
    record All() implements Expr {
    }

    /**
     * Why the first part of {@code expr} left unanalysed, depth first, was left so; null when every part was analysed.
     * Parts left unanalysed by design describe the query rather than a gap and are passed over.
     */
    static String firstGap(Expr expr) {
        if (expr instanceof Opaque o) {
            return o.byDesign() ? null : o.reason();
        }
        List<Expr> children = expr instanceof And a ? a.parts() : expr instanceof Or o ? o.parts()
                : expr instanceof Not n ? List.of(n.inner()) : List.of();
        for (Expr child : children) {
            String r = firstGap(child);
            if (r != null) {
                return r;
            }
        }
        return null;
    }
}
