package io.rulescope.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.rulescope.query.Kind;
import io.rulescope.query.Macro;
import io.rulescope.query.Polarity;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.Test;

class IndicatorIndexTest {

    private final IndicatorAnalysis analysis = new IndicatorAnalysis(AnatomyConfiguration.loadTaxonomy("content/taxonomy/fields.yml"),
            EventTables.load());
    private Map<String, Macro> macros = Map.of();
    private IndicatorIndex catalog = IndicatorIndex.EMPTY;

    private static Rule spl(String uid, String search) {
        Rule rule = new Rule(uid, "id-" + uid, false, "Rule " + uid, io.rulescope.dialect.spl.SplDialect.ESCU_2026);
        rule.setSource("s", uid + ".yml", null, 0);
        rule.setQuery(search);
        return rule;
    }

    private static Rule sigma(String uid, Map<String, Object> detection) {
        Rule rule = new Rule(uid, "id-" + uid, false, "Rule " + uid, io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setSource("s", uid + ".yml", null, 0);
        rule.setQuery("detection");
        rule.setDetection(detection);
        return rule;
    }

    private void publish(Rule... rules) {
        IndicatorAnalysis.Analyzer analyzer = analysis.analyzer(macros);
        Map<String, io.rulescope.query.QueryAnalysis> analyses = new java.util.HashMap<>();
        for (Rule r : rules) {
            analyses.put(r.getUid(), analyzer.analyze(r));
        }
        catalog = analysis.index(analyses);
    }

    private static int corpus(RuleAnatomy anatomy, String field, String value) {
        return anatomy.indicators().stream().filter(g -> g.field().equals(field)).flatMap(g -> g.values().stream())
                .filter(v -> value.equals(v.value())).findFirst().orElseThrow().corpus();
    }

    @Test
    void theCorpusColumnCountsOtherRulesOnlyAndEachRuleOnce() {
        Rule a = spl("a", "EventCode=1 EventCode=1 process_name=cmd.exe");
        Rule b = spl("b", "EventCode=1");
        Rule c = spl("c", "EventCode=4688");
        publish(a, b, c);

        RuleAnatomy anatomy = catalog.anatomy(a);

        assertThat(corpus(anatomy, "EventCode", "1")).isEqualTo(1);
        assertThat(corpus(anatomy, "process_name", "cmd.exe")).isZero();
    }

    @Test
    void sigmaAndSplMeetThroughTheTaxonomyAndCaseFolding() {
        Rule sigmaRule = sigma("s", Map.of("sel", Map.of("EventID", 1, "Image|endswith", "\\CMD.EXE"), "condition", "sel"));
        Rule splRule = spl("p", "EventCode=1 process_path=\"*\\\\cmd.exe\"");
        publish(sigmaRule, splRule);

        RuleAnatomy anatomy = catalog.anatomy(sigmaRule);

        assertThat(corpus(anatomy, "EventID", "1")).isEqualTo(1);
        assertThat(corpus(anatomy, "Image", "\\CMD.EXE")).isEqualTo(1);
        assertThat(catalog.rulesWith(catalog.keyOf("Image", Kind.ENDSWITH, "\\cmd.exe", Polarity.MATCH, false))).containsExactlyInAnyOrder("s", "p");
    }

    @Test
    void casedSigmaValuesDoNotFoldAndExclusionsCountApartFromMatches() {
        Rule cased = sigma("k", Map.of("sel", Map.of("CommandLine|contains|cased", "IEX"), "condition", "sel"));
        Rule plain = sigma("l", Map.of("sel", Map.of("CommandLine|contains", "iex"), "condition", "sel"));
        Rule excluded = sigma("m", Map.of("sel", Map.of("x", 1), "f", Map.of("CommandLine|contains", "iex"), "condition", "sel and not f"));
        publish(cased, plain, excluded);

        assertThat(corpus(catalog.anatomy(cased), "CommandLine", "IEX")).isZero();
        assertThat(corpus(catalog.anatomy(plain), "CommandLine", "iex")).as("the exclusion in m is another indicator").isZero();
        assertThat(catalog.anatomy(excluded).indicators()).anyMatch(g -> g.polarity().equals("exclude"));
    }

    @Test
    void seed000GroupByShowsTheCloudTrailCanonicalNames() {
        assertThat(analysis.index(Map.of()).fieldNames(List.of("signature", "vendor_region", "vendor_account", "user_agent")))
                .extracting(IndicatorIndex.FieldName::canonical)
                .containsExactly(null, "aws::awsRegion", "aws::recipientAccountId", "aws::userAgent");
    }

    @Test
    void macrosFromTheSourcesExpandSoTheSeed000SourcetypeIsAnIndicator() {
        macros = Map.of("cloudtrail", new Macro("cloudtrail", List.of(), "sourcetype=aws:cloudtrail", "t"));
        Rule rule = spl("x", "`cloudtrail` eventName = JobCreated | stats count by user");
        publish(rule);

        RuleAnatomy anatomy = catalog.anatomy(rule);

        assertThat(anatomy.indicators()).extracting(RuleAnatomy.IndicatorGroup::field).containsExactly("sourcetype", "eventName");
        assertThat(anatomy.stages().get(0).predicates()).containsExactly("sourcetype eq aws:cloudtrail  ← `cloudtrail`", "eventName eq JobCreated");
        assertThat(anatomy.eventCoverage()).extracting(RuleAnatomy.EventRow::event).containsExactly("JobCreated");
    }

    @Test
    void corpusLinksEncodeTheirValues() {
        Rule rule = spl("e", "CommandLine=\"*a&b c*\"");
        publish(rule);

        String href = catalog.anatomy(rule).indicators().get(0).values().get(0).href();

        assertThat(href).isEqualTo("/indicators?field=process.command_line&kind=contains&value=a%26b%20c");
    }
}
