package io.rulescope.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchQueryParserTest {

    @Test
    void wordsPhrasesFieldsAndOperatorsParseIntoOneTree() {
        SearchNode node = SearchQueryParser.parse("mimikatz \"shadow copy\" platform:Sigma (T1003 OR T1059) -status:deprecated modified:>=2025-01");

        assertThat(node).isInstanceOfSatisfying(SearchNode.And.class, and -> {
            assertThat(and.parts()).hasSize(6);
            assertThat(and.parts().get(0)).isEqualTo(new SearchNode.Word("mimikatz", 0));
            assertThat(and.parts().get(1)).isEqualTo(new SearchNode.Phrase("shadow copy", 9));
            assertThat(and.parts().get(2)).isEqualTo(new SearchNode.Field("platform", ":", "Sigma", false, 23));
            assertThat(and.parts().get(3)).isInstanceOf(SearchNode.Or.class);
            assertThat(and.parts().get(4)).isInstanceOf(SearchNode.Not.class);
            assertThat(and.parts().get(5)).isEqualTo(new SearchNode.Field("modified", ":>=", "2025-01", false, 74));
        });
    }

    @Test
    void fieldValuesMayBeQuotedAndHoldBackslashesAndWildcards() {
        assertThat(SearchQueryParser.parse("Image=*\\powershell.exe")).isEqualTo(new SearchNode.Field("Image", "=", "*\\powershell.exe", false, 0));
        assertThat(SearchQueryParser.parse("author:\"Florian Roth\"")).isEqualTo(new SearchNode.Field("author", ":", "Florian Roth", true, 0));
        assertThat(SearchQueryParser.parse("user!=admin")).isEqualTo(new SearchNode.Field("user", "!=", "admin", false, 0));
    }

    @Test
    void kubernetesFieldNamesWithSlashesAreFieldsNotText() {
        assertThat(SearchQueryParser.parse("data.labels.authorization.k8s.io/decision=\"forb*\""))
                .isEqualTo(new SearchNode.Field("data.labels.authorization.k8s.io/decision", "=", "forb*", true, 0));
    }

    @ParameterizedTest(name = "\"{0}\" is refused at {1}")
    @CsvSource(delimiter = '|', textBlock = """
            (a OR b            | 0  | never closed
            a OR b)            | 6  | no matching '('
            "unterminated      | 0  | never closed
            AND a              | 0  | both sides
            a OR               | 2  | both sides
            NOT                | 0  | needs a term
            *                  | 0  | match every rule
            ()                 | 0  | empty
            platform:          | 9  | needs a value
            '   '              | 0  | Type a word
            """)
    void malformedSearchesAreRefusedWithAPositionAndAHint(String query, int position, String hint) {
        assertThatThrownBy(() -> SearchQueryParser.parse(query)).isInstanceOfSatisfying(SearchSyntaxException.class, e -> {
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.getMessage()).contains(hint);
        });
    }

    @Test
    void hugeQueriesAreRefusedBeforeAnyWorkIsDone() {
        String tenThousandTerms = "a ".repeat(10_000);
        String manyTerms = "a ".repeat(65);
        String deep = "(".repeat(20) + "a" + ")".repeat(20);

        assertThatThrownBy(() -> SearchQueryParser.parse(tenThousandTerms)).hasMessageContaining("longer than 2000");
        assertThatThrownBy(() -> SearchQueryParser.parse(manyTerms)).hasMessageContaining("at most 64");
        assertThatThrownBy(() -> SearchQueryParser.parse(deep)).hasMessageContaining("deeper than 16");
    }
}
