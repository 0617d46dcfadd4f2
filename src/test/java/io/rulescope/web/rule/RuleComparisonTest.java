package io.rulescope.web.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Techniques compared across two rules: the same one, a technique and its sub-technique, or one side's alone. */
class RuleComparisonTest {

    private static List<RuleComparison.Technique> techniques(String ids) {
        return ids.isBlank() ? List.of() : Arrays.stream(ids.split(" ")).map(id -> new RuleComparison.Technique(id, "name of " + id)).toList();
    }

    private static String ids(List<RuleComparison.Technique> techniques) {
        return String.join(" ", techniques.stream().map(RuleComparison.Technique::id).toList());
    }

    /** An empty cell of the table reads as null. */
    private static String cell(String text) {
        return text == null ? "" : text.strip();
    }

    @ParameterizedTest(name = "A {0} and B {1}: in both [{2}], related [{3}], only A [{4}], only B [{5}]")
    @CsvSource(delimiter = '|', textBlock = """
            T1003           | T1003.001        |       | T1003~T1003.001                  |       |
            T1003.001       | T1003            |       | T1003.001~T1003                  |       |
            T1003 T1059     | T1003.001 T1003.002 T1059 | T1059 | T1003~T1003.001 T1003~T1003.002 |   |
            T1003.001       | T1003.002        |       |                                  | T1003.001 | T1003.002
            T1059.001 T1027 | T1059.001 T1027  | T1059.001 T1027 |                        |       |
            T1003           | T1003            | T1003 |                                  |       |
            T100            | T1003            |       |                                  | T100  | T1003
            """)
    void aTechniqueAndItsSubTechniqueAreRelatedNotEachOneSidesAlone(String left, String right, String both, String related,
            String onlyLeft, String onlyRight) {
        Map.Entry<RuleComparison.Split<RuleComparison.Technique>, List<RuleComparison.RelatedTechniques>> compared =
                RuleComparison.compareTechniques(techniques(cell(left)), techniques(cell(right)));

        assertThat(ids(compared.getKey().both())).isEqualTo(cell(both));
        assertThat(String.join(" ", compared.getValue().stream().map(r -> r.left().id() + "~" + r.right().id()).toList()))
                .isEqualTo(cell(related));
        assertThat(ids(compared.getKey().onlyLeft())).isEqualTo(cell(onlyLeft));
        assertThat(ids(compared.getKey().onlyRight())).isEqualTo(cell(onlyRight));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            T1003     | T1003.001 | B names a sub-technique of A's
            T1003.001 | T1003     | A names a sub-technique of B's
            """)
    void aRelatedPairSaysWhichSideIsTheMorePrecise(String left, String right, String relation) {
        assertThat(new RuleComparison.RelatedTechniques(new RuleComparison.Technique(left, ""), new RuleComparison.Technique(right, ""))
                .relation()).isEqualTo(relation);
    }
}
