package io.rulescope.dialect.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.StageAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Each expected list was checked by hand against the detection it analyses. */
class SigmaAnalyzerGoldenTest {

    private static final SigmaAnalyzer ANALYZER = new SigmaAnalyzer(new FieldTaxonomy(Map.of("process.executable", List.of("Image"))));

    @SuppressWarnings("unchecked")
    static QueryAnalysis analyze(String detectionYaml) {
        Map<String, Object> detection = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(detectionYaml);
        return ANALYZER.analyze(detection);
    }

    static List<String> indicators(QueryAnalysis a) {
        return a.indicators().stream().map(i -> i.field() + " " + i.kind().label() + " " + i.value() + " " + i.polarity().label()
                + (i.modifiers().isEmpty() ? "" : " " + i.modifiers())).toList();
    }

    @Test
    void modifiersSetTheKindAndTransformationsAreKeptAsFlags() {
        QueryAnalysis a = analyze("""
                selection:
                    Image|endswith: '\\powershell.exe'
                    CommandLine|windash|contains|all:
                        - ' -enc '
                        - ' -nop '
                    ParentImage|startswith: 'C:\\Windows\\'
                    Hashes|contains|cased: 'IMPHASH='
                condition: selection
                """);

        assertThat(indicators(a)).containsExactly("Image endswith \\powershell.exe match",
                "CommandLine contains  -enc  match [windash, all]", "CommandLine contains  -nop  match [windash, all]",
                "ParentImage startswith C:\\Windows\\ match", "Hashes contains IMPHASH= match [cased]");
        assertThat(a.indicators().get(0).canonicalField()).isEqualTo("process.executable");
        assertThat(a.indicators().get(4).caseSensitive()).isTrue();
    }

    @Test
    void aListOfMapsIsAnyOfThemAndStagesAreTheIdentifiersThenTheCondition() {
        QueryAnalysis a = analyze("""
                selection_img:
                    - Image|endswith: '\\certutil.exe'
                    - OriginalFileName: 'CertUtil.exe'
                selection_cli:
                    CommandLine|contains: 'urlcache'
                condition: all of selection_*
                """);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("selection_img", "selection_cli", "condition");
        assertThat(a.stages().get(2).text()).isEqualTo("condition: all of selection_*");
        assertThat(indicators(a)).containsExactly("Image endswith \\certutil.exe match", "OriginalFileName eq CertUtil.exe match",
                "CommandLine contains urlcache match");
    }

    @Test
    void filtersReachedUnderNotAreExclusionsAndNullMeansEmptyOrAbsent() {
        QueryAnalysis a = analyze("""
                selection:
                    TargetImage|endswith: '\\lsass.exe'
                filter_main_system:
                    SourceImage|startswith: 'C:\\Windows\\System32\\'
                filter_main_null:
                    SourceImage: null
                condition: selection and not 1 of filter_main_*
                """);

        assertThat(indicators(a)).containsExactly("TargetImage endswith \\lsass.exe match",
                "SourceImage startswith C:\\Windows\\System32\\ exclude", "SourceImage null null exclude");
        assertThat(a.indicators()).extracting(i -> i.stage()).containsExactly(1, 2, 3);
    }

    @Test
    void nestedNotsCancelOut() {
        QueryAnalysis a = analyze("""
                a:
                    x: 1
                b:
                    y: 2
                condition: not (a and not b)
                """);

        assertThat(indicators(a)).containsExactly("x eq 1 exclude", "y eq 2 match");
    }

    @Test
    void keywordListsAreSearchTermsNotIndicators() {
        QueryAnalysis a = analyze("""
                keywords:
                    - 'history -c'
                    - 'unset HISTFILE'
                condition: keywords
                """);

        assertThat(a.indicators()).isEmpty();
        assertThat(a.searchTerms()).extracting(QueryAnalysis.SearchTerm::term).containsExactly("history -c", "unset HISTFILE");
    }

    @Test
    void wildcardValuesWithoutModifiersFoldToTheirKind() {
        QueryAnalysis a = analyze("""
                sel:
                    a: '*x*'
                    b: 'x*'
                    c: '*x'
                    d: 'x?y'
                    e: '*'
                    f: 5
                condition: sel
                """);

        assertThat(indicators(a)).containsExactly("a contains x match", "b startswith x match", "c endswith x match",
                "d wildcard x?y match", "e exists null match", "f eq 5 match");
    }

    @Test
    void existsCidrRegexAndNumericModifiers() {
        QueryAnalysis a = analyze("""
                sel:
                    User|exists: true
                    Proxy|exists: false
                    DestinationIp|cidr: '10.0.0.0/8'
                    CommandLine|re|i: '\\bmimikatz\\b'
                    Size|gte: 1000000
                    Target|fieldref: Source
                condition: sel
                """);

        assertThat(indicators(a)).containsExactly("User exists null match", "Proxy null null match", "DestinationIp cidr 10.0.0.0/8 match",
                "CommandLine re \\bmimikatz\\b match [i]", "Size gte 1000000 match", "Target fieldref Source match");
    }

    @Test
    void themLeavesOutUnderscoreIdentifiersAndOneOfThemIsAnOr() {
        QueryAnalysis a = analyze("""
                s1:
                    a: 1
                s2:
                    b: 2
                _helper:
                    c: 3
                condition: 1 of them
                """);

        assertThat(indicators(a)).containsExactly("a eq 1 match", "b eq 2 match");
    }

    @Test
    void aListOfConditionsIsAnyOfThem() {
        QueryAnalysis a = analyze("""
                s1:
                    a: 1
                s2:
                    b: 2
                condition:
                    - s1
                    - not s2
                """);

        assertThat(indicators(a)).containsExactly("a eq 1 match", "b eq 2 exclude");
    }

    @Test
    void theDeprecatedAggregationIsNotedNotDropped() {
        QueryAnalysis a = analyze("""
                selection:
                    EventID: 4625
                condition: selection | count(TargetUserName) by IpAddress > 10
                """);

        assertThat(indicators(a)).containsExactly("EventID eq 4625 match");
        assertThat(a.stages().get(1).note()).contains("aggregation 'count(TargetUserName) by IpAddress > 10'");
    }

    @Test
    void aBrokenConditionIsReportedAndTheIdentifiersAreStillListed() {
        QueryAnalysis a = analyze("""
                selection:
                    EventID: 1
                condition: selection and (filter
                """);

        assertThat(a.stages().get(1).note()).startsWith("not analysed:").contains("UNKNOWN_IDENTIFIER");
        assertThat(indicators(a)).containsExactly("EventID eq 1 match");
        assertThat(a.notes()).hasSize(1);
    }

    @Test
    void encodingModifiersAreFlagsOnTheirIndicators() {
        QueryAnalysis a = analyze("""
                sel:
                    CommandLine|base64offset|contains: 'IEX'
                    ScriptBlockText|wide|base64|contains: 'http'
                condition: sel
                """);

        assertThat(indicators(a)).containsExactly("CommandLine contains IEX match [base64offset]",
                "ScriptBlockText contains http match [wide, base64]");
    }

    @Test
    void allOfThemIsAnAndOverEveryIdentifier() {
        QueryAnalysis a = analyze("""
                a:
                    x: 1
                b:
                    - y: 2
                    - z: 3
                condition: all of them
                """);

        assertThat(indicators(a)).containsExactly("x eq 1 match", "y eq 2 match", "z eq 3 match");
        assertThat(a.stages().get(2).expression()).isInstanceOf(io.rulescope.query.Expr.And.class);
    }

    @Test
    void aKeywordWithAModifierButNoFieldIsASearchTerm() {
        QueryAnalysis a = analyze("""
                kw:
                    '|contains':
                        - 'mimikatz'
                        - 'sekurlsa'
                condition: kw
                """);

        assertThat(a.indicators()).isEmpty();
        assertThat(a.searchTerms()).extracting(QueryAnalysis.SearchTerm::term).containsExactly("mimikatz", "sekurlsa");
    }

    @Test
    void notAllOfFiltersExcludesEachFilter() {
        QueryAnalysis a = analyze("""
                selection:
                    EventID: 7045
                filter_a:
                    ImagePath|startswith: 'C:\\Windows\\'
                filter_b:
                    ServiceName: 'Sysmon'
                condition: selection and not all of filter_*
                """);

        assertThat(indicators(a)).containsExactly("EventID eq 7045 match", "ImagePath startswith C:\\Windows\\ exclude",
                "ServiceName eq Sysmon exclude");
    }

    @Test
    void emptyStringsNumbersAndBooleansAreValuesAsWritten() {
        QueryAnalysis a = analyze("""
                sel:
                    CommandLine: ''
                    LogonType: 10
                    Enabled: true
                condition: sel
                """);

        assertThat(indicators(a)).containsExactly("CommandLine eq  match", "LogonType eq 10 match", "Enabled eq true match");
    }

    @ParameterizedTest(name = "\"{0}\" fails with {1} at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a and (b            | UNBALANCED            | 8
            a and b)            | UNMATCHED_CLOSE       | 7
            a and               | INCOMPLETE            | 5
            a and c             | UNKNOWN_IDENTIFIER    | 6
            1 of z*             | NO_IDENTIFIER_MATCHES | 5
            1 of (a)            | QUANTIFIER_WITHOUT_TARGET | 5
            x of a              | BAD_QUANTIFIER        | 2
            """)
    void malformedConditionsFailWithACodeAndPosition(String condition, String code, int position) {
        assertThatThrownBy(() -> ConditionParser.parse(condition, List.of("a", "b")))
                .isInstanceOfSatisfying(QueryParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.position()).isEqualTo(position);
                });
    }

    @Test
    void deeplyNestedConditionsAreCappedNotOverflowed() {
        String deep = "(".repeat(5000) + "a" + ")".repeat(5000);

        assertThatThrownBy(() -> ConditionParser.parse(deep, List.of("a")))
                .isInstanceOfSatisfying(QueryParseException.class, e -> assertThat(e.code()).isEqualTo("NESTS_TOO_DEEP"));
    }
}
