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
    void aRuleGoesToTheDialectOfItsLanguage(RuleFormat format, String language, String firstCommand, String dialect, String evaluation) {
        Rule rule = new Rule("u1", "id-1", false, "A rule", format);
        rule.setLanguage(language);
        QueryAnalysis analysis = firstCommand == null ? QueryAnalysis.EMPTY
                : new QueryAnalysis(List.of(new StageAnalysis(1, firstCommand, firstCommand, null, null, null)), List.of(), List.of(),
                        List.of(), List.of());

        Dialect chosen = Dialects.of(rule).orElseThrow();

        assertThat(chosen.name()).isEqualTo(dialect);
        assertThat(chosen.evaluation(rule, analysis).getClass().getSimpleName()).isEqualTo(evaluation);
    }

    @ParameterizedTest(name = "a rule in {0} has no dialect yet")
    @CsvSource({ "yara-l", "''" })
    void aLanguageNoDialectReadsHasNone(String language) {
        Rule rule = new Rule("u1", "id-1", false, "A rule", RuleFormat.ELASTIC);
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
    void aRuleWithoutAQueryByDesignSaysWhy(RuleFormat format, String language, String reason) {
        Rule rule = new Rule("u1", "id-1", false, "A rule", format);
        rule.setLanguage(language);

        assertThat(Dialects.of(rule).flatMap(d -> d.withoutAnatomy(rule))).hasValueSatisfying(r -> assertThat(r).startsWith(reason));
    }
}
