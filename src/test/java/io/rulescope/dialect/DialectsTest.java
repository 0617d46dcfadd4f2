package io.rulescope.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Each rule goes to the one dialect of its language, which chooses how one event is tested against it. */
class DialectsTest {

    @ParameterizedTest(name = "{0} in {1} ({2}): {3}, evaluated as {4}")
    @CsvSource(delimiter = '|', textBlock = """
            SIGMA              | sigma  |             | Sigma                             | SigmaDetection
            SIGMA_FILTER       | sigma  |             | Sigma                             | NotEvaluated
            SIGMA_CORRELATION  | sigma  |             | Sigma                             | NotEvaluated
            ESCU_2026          | spl    |             | Splunk SPL                        | SearchFirstStage
            SENTINEL           | kql    |             | Microsoft KQL                     | Filters
            ELASTIC            | esql   |             | Elastic                           | Filters
            ELASTIC            | kuery  |             | Elastic                           | Filters
            ELASTIC            | eql    | process     | Elastic                           | Filters
            ELASTIC            | eql    | sequence    | Elastic                           | SequenceFirstStep
            ELASTIC            | machine_learning |   | Elastic                           | NotEvaluated
            """)
    void aRuleGoesToTheDialectOfItsLanguage(String format, String language, String firstCommand, String dialect, String evaluation) {
        Rule rule = new Rule("u1", "id-1", false, "A rule", Dialects.format(format).orElseThrow());
        rule.setLanguage(language);
        QueryAnalysis analysis = firstCommand == null ? QueryAnalysis.EMPTY
                : new QueryAnalysis(List.of(new StageAnalysis(1, firstCommand, firstCommand, null, null, null)), List.of(), List.of(),
                        List.of(), List.of());

        Dialect chosen = Dialects.of(rule).orElseThrow();

        assertThat(chosen.name()).isEqualTo(dialect);
        assertThat(chosen.evaluation(rule, analysis).getClass().getSimpleName()).isEqualTo(evaluation);
    }

    @ParameterizedTest(name = "a rule in {0} has no dialect yet")
    @CsvSource({ "cobol", "''" })
    void aLanguageNoDialectReadsHasNone(String language) {
        Rule rule = new Rule("u1", "id-1", false, "A rule", io.rulescope.dialect.elastic.ElasticDialect.ELASTIC);
        rule.setLanguage(language.isEmpty() ? null : language);

        assertThat(Dialects.of(rule)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void noTwoDialectsClaimOneLanguageName() {
        List<String> names = Dialects.all().stream().flatMap(d -> d.languageNames().keySet().stream()).toList();

        assertThat(names).doesNotHaveDuplicates().contains("spl", "kusto", "es|ql", "sigma");
    }

    @ParameterizedTest(name = "a {0} rule in {1} says why it has no anatomy")
    @CsvSource(textBlock = """
            SIGMA_CORRELATION, sigma,            A correlation rule matches no events itself
            ELASTIC,           machine_learning, An Elastic machine learning rule has no query
            """)
    void aRuleWithoutAQueryByDesignSaysWhy(String format, String language, String reason) {
        Rule rule = new Rule("u1", "id-1", false, "A rule", Dialects.format(format).orElseThrow());
        rule.setLanguage(language);

        assertThat(Dialects.of(rule).flatMap(d -> d.withoutAnatomy(rule))).hasValueSatisfying(r -> assertThat(r).startsWith(reason));
    }

    @ParameterizedTest(name = "{0} is recognised by {1} as {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            {title: a, logsource: {}, detection: {sel: {a: b}, condition: sel}}            | Sigma         | RuleLayout SIGMA
            {title: a, correlation: {type: event_count}}                                   | Sigma         | RuleLayout SIGMA_CORRELATION
            {title: a, logsource: {}, filter: {rules: [x]}}                                | Sigma         | RuleLayout SIGMA_FILTER
            {action: global, title: a}                                                     | Sigma         | CollectionHeader
            {rule: {rule_id: x, name: a, type: eql}}                                       | Elastic       | RuleLayout ELASTIC
            {name: a, query: 'T take 1', severity: High}                                 | Microsoft KQL | RuleLayout SENTINEL
            {id: x, name: a, description: 'This rule moved to new location https://x/y'}  | Microsoft KQL | Skipped
            {name: a, search: 'tstats count'}                                            | Splunk SPL    | RuleLayout ESCU_2026
            {name: a, search: x, tags: {analytic_story: [s]}}                              | Splunk SPL    | RuleLayout ESCU_2024
            {name: 'm(1)', arguments: [f], definition: 'eval x=$f$'}                       | Splunk SPL    | MacroDefinition
            {name: s, narrative: n, description: d}                                        | Splunk SPL    | NamedText
            """)
    void eachLayoutIsRecognisedByTheDialectThatOwnsIt(String yaml, String dialect, String layout) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> doc = (java.util.Map<String, Object>) new org.yaml.snakeyaml.Yaml(
                new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(yaml);

        Dialects.Recognised recognised = Dialects.recognise(doc).orElseThrow();

        assertThat(recognised.dialect().name()).isEqualTo(dialect);
        Layout found = recognised.layout();
        String described = found instanceof Layout.RuleLayout r ? "RuleLayout " + r.format().name() : found.getClass().getSimpleName();
        assertThat(described).isEqualTo(layout);
    }

    @org.junit.jupiter.api.Test
    void aMacroIsNamedWithoutItsArity() {
        Layout layout = Dialects.recognise(java.util.Map.of("name", "m(2)", "arguments", List.of("a", "b"), "definition", "x"))
                .orElseThrow().layout();

        assertThat(layout).isEqualTo(new Layout.MacroDefinition("m", List.of("a", "b"), "x"));
    }

    @org.junit.jupiter.api.Test
    void aDocumentOfNoLayoutIsRecognisedByNone() {
        assertThat(Dialects.recognise(java.util.Map.of("server", java.util.Map.of("port", 80)))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aFormatIsOneInstanceKnownByItsName() {
        for (Dialect dialect : Dialects.all()) {
            for (RuleFormat format : dialect.formats()) {
                assertThat(Dialects.format(format.name())).containsSame(format);
                assertThat(RuleFormat.named(format.name())).containsSame(format);
            }
        }
        assertThat(Dialects.format("LOGIC")).containsSame(RuleFormat.LOGIC);
        assertThat(Dialects.format("NO_SUCH_FORMAT")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void twoFormatsCannotShareAName() {
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> RuleFormat.declare("SIGMA", "Elsewhere", "x", "a copy").build())
                .withMessageContaining("SIGMA");
    }
}
