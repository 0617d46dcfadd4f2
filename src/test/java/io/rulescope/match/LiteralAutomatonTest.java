package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton reports exactly the literals a text contains, checked against String.contains on random inputs. */
class LiteralAutomatonTest {

    @Test
    void itFindsEveryContainedLiteralIncludingOverlapsAndSuffixesOfOthers() {
        LiteralAutomaton a = LiteralAutomaton.build(List.of("he", "she", "his", "hers", "\\rundll32.exe", "32.e"));
        Set<Integer> found = new TreeSet<>();
        a.scan("ushers c:\\windows\\rundll32.exe", found::add);
        assertThat(found).containsExactly(0, 1, 3, 4, 5);
    }

    @Test
    void onRandomLiteralsAndTextsItAgreesWithStringContains() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            Set<String> distinct = new LinkedHashSet<>();
            int n = 1 + random.nextInt(40);
            while (distinct.size() < n) {
                distinct.add(word(random, 1 + random.nextInt(6)));
            }
            List<String> literals = new ArrayList<>(distinct);
            LiteralAutomaton automaton = LiteralAutomaton.build(literals);
            String text = word(random, random.nextInt(60));
            Set<Integer> found = new TreeSet<>();
            automaton.scan(text, found::add);
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < literals.size(); i++) {
                if (text.contains(literals.get(i))) {
                    expected.add(i);
                }
            }
            assertThat(found).as("literals %s in %s", literals, text).isEqualTo(expected);
        }
    }

    /** Words over a three-letter alphabet (and one non-ASCII letter), so literals overlap and share prefixes often. */
    private static String word(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append("abcé".charAt(random.nextInt(4)));
        }
        return b.toString();
    }
}
