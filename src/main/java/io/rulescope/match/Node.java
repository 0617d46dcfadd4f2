package io.rulescope.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's detection compiled for evaluation. {@link #test} answers fires-or-not as cheaply as possible (streams);
 * {@link #tally} how many of the predicates it needs matched, without allocating (weighing near misses);
 * {@link #score} also which predicates matched and which did not (the rules a page shows).
 */
interface Node {

    boolean test(EventFields event);

    /** The truth and counts of {@link #score}, packed by {@link Tally}. */
    long tally(EventFields event);

    Score score(EventFields event);

    /**
     * How far an expression got: its truth, how many of the predicates it needs matched out of how many (an OR
     * counts its best branch), the predicates that matched, and what is missing. Each missing item says itself in
     * words through {@code toString()}, made only for the near misses a page shows: a rule listing hundreds of values
     * would otherwise build hundreds of sentences per event.
     */
    record Score(boolean value, int matched, int total, List<Hit> hits, List<Object> missing) {

        static final Score TRUE = new Score(true, 0, 0, List.of(), List.of());

        double ratio() {
            return Tally.ratio(tally());
        }

        boolean betterThan(Score other) {
            return Tally.better(tally(), other.tally());
        }

        long tally() {
            return Tally.of(value, matched, total);
        }
    }

    record And(List<Node> parts) implements Node {

        /**
         * What is missing is kept up to this many items: a page shows five, and a rule that needs hundreds of values
         * would otherwise copy a growing list for every near miss it is weighed as.
         */
        static final int MISSING_KEPT = 16;

        @Override
        public boolean test(EventFields event) {
            for (int i = 0, n = parts.size(); i < n; i++) {
                if (!parts.get(i).test(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public long tally(EventFields event) {
            boolean value = true;
            int matched = 0;
            int total = 0;
            for (int i = 0, n = parts.size(); i < n; i++) {
                long t = parts.get(i).tally(event);
                value &= Tally.value(t);
                matched += Tally.matched(t);
                total += Tally.total(t);
            }
            return Tally.of(value, matched, total);
        }

        @Override
        public Score score(EventFields event) {
            boolean value = true;
            int matched = 0;
            int total = 0;
            List<Hit> hits = List.of();
            List<Object> missing = List.of();
            for (int i = 0, n = parts.size(); i < n; i++) {
                Score s = parts.get(i).score(event);
                value &= s.value();
                matched += s.matched();
                total += s.total();
                hits = concat(hits, s.hits());
                if (missing.size() < MISSING_KEPT) {
                    missing = concat(missing, s.missing());
                }
            }
            return new Score(value, matched, total, hits, missing);
        }
    }

    record Or(List<Node> parts) implements Node {

        @Override
        public boolean test(EventFields event) {
            for (int i = 0, n = parts.size(); i < n; i++) {
                if (parts.get(i).test(event)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A predicate or an unevaluable part that is false scores 0 of 1, which never beats the first branch's score,
         * so after the first branch those are only tested, not scored: a rule listing hundreds of values would
         * otherwise build a score and a missing item per value for every near miss it is weighed as.
         */
        private static boolean cannotWin(Node part, EventFields event) {
            return part instanceof Never || part instanceof Leaf && !part.test(event);
        }

        @Override
        public long tally(EventFields event) {
            long best = Tally.NONE;
            for (int i = 0, n = parts.size(); i < n; i++) {
                Node part = parts.get(i);
                if (best != Tally.NONE && cannotWin(part, event)) {
                    continue;
                }
                long t = part.tally(event);
                if (best == Tally.NONE || Tally.better(t, best)) {
                    best = t;
                }
            }
            return best == Tally.NONE ? Tally.of(false, 0, 1) : best;
        }

        /** The best branch stands for the OR; when several are true, all their hits are shown. */
        @Override
        public Score score(EventFields event) {
            Score best = null;
            List<Hit> trueHits = List.of();
            for (int i = 0, n = parts.size(); i < n; i++) {
                Node part = parts.get(i);
                if (best != null && cannotWin(part, event)) {
                    continue;
                }
                Score s = part.score(event);
                if (s.value()) {
                    trueHits = concat(trueHits, s.hits());
                }
                if (best == null || s.betterThan(best)) {
                    best = s;
                }
            }
            if (best == null) {
                return new Score(false, 0, 1, List.of(), List.of("an empty list matches nothing"));
            }
            return best.value() ? new Score(true, best.matched(), best.total(), trueHits, List.of()) : best;
        }
    }

    /** An exclusion: counts as one needed predicate, missing when what it excludes is there. */
    record Not(Node inner, String label) implements Node {

        @Override
        public boolean test(EventFields event) {
            return !inner.test(event);
        }

        @Override
        public long tally(EventFields event) {
            return inner.test(event) ? Tally.of(false, 0, 1) : Tally.of(true, 1, 1);
        }

        @Override
        public Score score(EventFields event) {
            Score s = inner.score(event);
            if (!s.value()) {
                return new Score(true, 1, 1, List.of(), List.of());
            }
            List<String> what = s.hits().stream().map(Node::describe).distinct().limit(3).toList();
            return new Score(false, 0, 1, List.of(), List.of("excluded by " + label + (what.isEmpty() ? "" : ": " + String.join("; ", what))));
        }
    }

    /** A Sigma search identifier: evaluated as its expression, named in what is missing. */
    record Named(String name, Node inner) implements Node {

        @Override
        public boolean test(EventFields event) {
            return inner.test(event);
        }

        @Override
        public long tally(EventFields event) {
            return inner.tally(event);
        }

        @Override
        public Score score(EventFields event) {
            return inner.score(event);
        }
    }

    /** A part that always holds (an empty selection, an SPL index or sourcetype selector). */
    record Always() implements Node {

        @Override
        public boolean test(EventFields event) {
            return true;
        }

        @Override
        public long tally(EventFields event) {
            return Tally.of(true, 0, 0);
        }

        @Override
        public Score score(EventFields event) {
            return Score.TRUE;
        }
    }

    /** A part that cannot be evaluated (not analysed, a regex RE2/J cannot run): never true, and says why. */
    record Never(String reason, Score score) implements Node {

        Never(String reason) {
            this(reason, new Score(false, 0, 1, List.of(), List.of(reason)));
        }

        @Override
        public boolean test(EventFields event) {
            return false;
        }

        @Override
        public long tally(EventFields event) {
            return Tally.of(false, 0, 1);
        }

        /** The same for every event, so made once. */
        @Override
        public Score score(EventFields event) {
            return score;
        }
    }

    /** Lists joined without copying when one side is empty, the usual case; a list this made is grown in place. */
    private static <T> List<T> concat(List<T> sum, List<? extends T> more) {
        if (more.isEmpty()) {
            return sum;
        }
        if (sum.isEmpty()) {
            return List.copyOf(more);
        }
        List<T> joined = sum instanceof ArrayList<T> growing ? growing : new ArrayList<>(sum);
        joined.addAll(more);
        return joined;
    }

    static String describe(Hit hit) {
        return (hit.field() == null ? "keyword" : hit.field() + " " + hit.kind()) + (hit.value() == null ? "" : " " + hit.value());
    }
}
