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

    @org.junit.jupiter.api.Test
    void severitiesAreListedFromCriticalDownWhateverTheirCounts() {
        var counts = java.util.stream.Stream.of("low", "medium", "critical", "informational", "high")
                .map(v -> new io.rulescope.search.SearchResult.FacetCount(v, v.length())).toList();

        assertThat(SearchViewHelper.ordered(Facet.SEVERITY, counts)).extracting(io.rulescope.search.SearchResult.FacetCount::value)
                .containsExactly("critical", "high", "medium", "low", "informational");
        assertThat(SearchViewHelper.ordered(Facet.PLATFORM, counts)).isSameAs(counts);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            lsass platform:Sigma severity:high        | platform=Sigma=/search?q=lsass%20severity:high ; severity=high=/search?q=lsass%20platform:Sigma
            `T1059 platform:"Microsoft Sentinel"`      | platform=Microsoft Sentinel=/search?q=T1059
            platform:Elastic                          | platform=Elastic=/rules
            `-status:deprecated mimikatz`             | status=deprecated=/search?q=mimikatz
            """)
    void eachActiveFilterIsAChipWhoseLinkIsTheSearchWithoutIt(String q, String expected) {
        var chips = new SearchViewHelper(io.rulescope.attack.AttackCatalog.load(null)).activeFilters(q);

        assertThat(chips).extracting(c -> c.name() + "=" + c.value() + "=" + c.withoutHref()).containsExactly(expected.split(" ; "));
    }

    @org.junit.jupiter.api.Test
    void aTechniqueIsListedWithItsName() {
        var view = new SearchViewHelper(io.rulescope.attack.AttackCatalog.load(null));

        assertThat(view.valueLabel(Facet.TECHNIQUE, "T1059.001")).isEqualTo("T1059.001 Command and Scripting Interpreter: PowerShell");
        assertThat(view.valueLabel(Facet.TECHNIQUE, "T9999")).isEqualTo("T9999");
        assertThat(view.valueLabel(Facet.PLATFORM, "Sigma")).isEqualTo("Sigma");
    }
}
