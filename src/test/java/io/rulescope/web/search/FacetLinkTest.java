package io.rulescope.web.search;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rulescope.search.Facet;

import static org.assertj.core.api.Assertions.assertThat;

class FacetLinkTest {

    @ParameterizedTest(name = "narrowing ''{0}'' by {1}={2} gives {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            T1059 | PLATFORM   | Sigma                    | T1059 platform:Sigma
                  | TECHNIQUE  | T1059.001                | technique:T1059.001
            x     | DATASOURCE | Sysmon EventID 1         | x datasource:"Sysmon EventID 1"
            x     | SOURCE     | C:\\rules\\               | x source:"C:\\\\rules\\\\"
            x     | DATASOURCE | say "hi"                 | x datasource:"say \\"hi\\""
            """)
    void aFacetValueNarrowsTheSearchQuotedWhereTheSearchLanguageNeedsIt(String q, Facet facet, String value, String expected) {
        assertThat(SearchViewHelper.narrow(q, facet, value)).isEqualTo(expected);
    }
}
