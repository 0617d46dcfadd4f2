package io.rulescope.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cases of pySigma's public test suites, target by target: each written exactly as pySigma writes it (up to
 * whitespace), or differently on purpose, with why. The test classes print the tally when they end, so the test
 * output carries the agreement per target.
 */
final class PySigmaTally {

    private record Count(List<String> same, List<String> deliberate) {
    }

    private static final Map<String, Count> COUNTS = new TreeMap<>();

    private PySigmaTally() {
    }

    private static Count count(String target) {
        return COUNTS.computeIfAbsent(target, t -> new Count(new ArrayList<>(), new ArrayList<>()));
    }

    private static String normal(String query) {
        return query.replaceAll("\\s+", " ").strip();
    }

    /** A case written as pySigma writes it. */
    static synchronized void same(String target, String actual, String pySigma) {
        assertThat(normal(actual)).as(target).isEqualTo(normal(pySigma));
        count(target).same().add(pySigma);
    }

    /**
     * A case Rulescope writes differently on purpose: {@code ours} is what it writes, and it must differ from what
     * pySigma's suite expects.
     */
    static synchronized void deliberate(String target, String actual, String pySigma, String ours, String why) {
        assertThat(normal(actual)).as(target + ": " + why).isEqualTo(normal(ours));
        assertThat(normal(ours)).as("a deliberate difference differs").isNotEqualTo(normal(pySigma));
        count(target).deliberate().add(why);
    }

    /**
     * An ES|QL case compared with its one deliberate difference undone: Rulescope compares text without case, as
     * Sigma does ({@code to_lower(field)=="value"}), where pySigma compares with it.
     */
    static synchronized void sameButCaseless(String target, String actual, String pySigma) {
        String undone = actual.replaceAll("to_lower\\(([^)]*)\\)", "$1");
        assertThat(normal(undone)).as(target).isEqualToIgnoringCase(normal(pySigma));
        boolean differs = !normal(actual).equals(normal(pySigma));
        (differs ? count(target).deliberate() : count(target).same()).add(differs ? "text compared without case (to_lower), as Sigma compares it" : pySigma);
    }

    /** The tally so far, a line per target. */
    static synchronized void print() {
        COUNTS.forEach((target, c) -> {
            int all = c.same().size() + c.deliberate().size();
            System.out.printf("pySigma agreement, %s: %d of %d cases written as pySigma writes them, %d differ on purpose%s%n", target,
                    c.same().size(), all, c.deliberate().size(), c.deliberate().isEmpty() ? ""
                            : " (" + String.join("; ", new java.util.LinkedHashSet<>(c.deliberate())) + ")");
        });
    }
}
