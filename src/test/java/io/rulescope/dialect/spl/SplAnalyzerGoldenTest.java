package io.rulescope.dialect.spl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.Indicator;
import io.rulescope.query.Kind;
import io.rulescope.query.Macro;
import io.rulescope.query.Polarity;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import org.junit.jupiter.api.Test;

/** Expected outputs here were checked by hand against the rule text (and, for the seeds, the seed pages). */
class SplAnalyzerGoldenTest {

    static final MacroExpander MACROS = new MacroExpander(Map.of(
            "cloudtrail", new Macro("cloudtrail", List.of(), "sourcetype=aws:cloudtrail", "t"),
            "security_content_ctime(1)", new Macro("security_content_ctime", List.of("field"),
                    "convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime($field$)", "t"),
            "aws_exfiltration_via_batch_service_filter", new Macro("aws_exfiltration_via_batch_service_filter", List.of(), "search *", "t"),
            "sysmon", new Macro("sysmon", List.of(), "source=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational", "t"),
            "process_filter(2)", new Macro("process_filter", List.of("field", "name"), "$field$=\"$name$\"", "t"),
            "loop", new Macro("loop", List.of(), "x=1 `loop`", "t"),
            "uacbypass_process_name", new Macro("uacbypass_process_name", List.of(), "cmstp.exe,EventVwr.exe,fodhelper.exe", "t")));

    static final SplAnalyzer ANALYZER = new SplAnalyzer(MACROS, FieldTaxonomy.NONE);

    static QueryAnalysis analyze(String search) {
        return ANALYZER.analyze(search);
    }

    static List<String> indicators(QueryAnalysis a) {
        return a.indicators().stream().map(i -> i.field() + " " + i.kind().label() + " " + i.value() + " " + i.polarity().label()).toList();
    }

    @Test
    void seed000HasTheSeedsStagesAndItsEventNameAndSourcetypeIndicators() throws IOException {
        QueryAnalysis a = analyze(PipelineTest.fixture("seed_000_aws_exfiltration_via_batch_service.spl"));

        assertThat(a.stages()).extracting(StageAnalysis::command)
                .containsExactly("search", "fillnull", "rename", "stats", "search", "search", "search");
        assertThat(indicators(a)).containsExactly("sourcetype eq aws:cloudtrail match", "eventName eq JobCreated match");
        assertThat(a.indicators().get(0).stage()).isEqualTo(1);
        assertThat(a.stages().get(4).expansion()).isEqualTo("convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)");
        assertThat(a.stages().get(4).note()).isEqualTo("expands to a `convert` command");
        assertThat(a.stages().get(6).note()).startsWith("tuning hook");
        assertThat(a.searchTerms()).isEmpty();
    }

    @Test
    void seed001KeepsTheTermValueAndListsTheQuotedSearchTerms() throws IOException {
        QueryAnalysis a = analyze(PipelineTest.fixture("seed_001_data_exfiltration_via_aws_cli.spl"));

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("search", "table", "bucket", "stats");
        assertThat(a.indicators()).extracting(Indicator::field, Indicator::kind, Indicator::value)
                .containsExactly(tuple("EventCode", Kind.EQ, "1"));
        assertThat(a.indicators().get(0).modifiers()).containsExactly("term");
        assertThat(a.searchTerms()).extracting(QueryAnalysis.SearchTerm::term)
                .containsExactly("<EventID>1<", "s3 ", " cp ", " --recursive", " --region", " --endpoint-url");
        assertThat(a.groupBy()).containsExactly("_time", "host");
    }

    /** 453a6b0f (Windows UAC Bypass Suspicious Child Process) lost this predicate: the rule read broader than it is. */
    @Test
    void aMacroInsideAnInListIsExpandedIntoItsValuesAndAnUndefinedOneIsKeptByName() {
        QueryAnalysis a = analyze("| tstats count from datamodel=Endpoint.Processes where Processes.process_integrity_level IN (\"high\",\"system\")"
                + " AND Processes.parent_process_name IN (`uacbypass_process_name`) AND Processes.process_name IN (`not_defined`)"
                + " by Processes.dest");

        assertThat(a.indicators()).extracting(Indicator::field, Indicator::value, Indicator::viaMacro).containsExactly(
                tuple("process_integrity_level", "high", null), tuple("process_integrity_level", "system", null),
                tuple("parent_process_name", "cmstp.exe", "uacbypass_process_name"),
                tuple("parent_process_name", "EventVwr.exe", "uacbypass_process_name"),
                tuple("parent_process_name", "fodhelper.exe", "uacbypass_process_name"),
                tuple("process_name", "`not_defined`", "not_defined"));
        assertThat(a.stages().get(0).expression().toString()).contains("fodhelper.exe");
    }

    @Test
    void aStageThatRunsAnotherSearchSaysSoRatherThanBeingPassedOverSilently() {
        QueryAnalysis a = analyze("`cloudtrail` eventName=CreateUser | map search=\"search index=main user=$userName$\" | stats count");

        assertThat(a.stages().get(1).command()).isEqualTo("map");
        assertThat(a.stages().get(1).note()).startsWith("runs another search (map)");
    }

    @Test
    void tstatsWhereClausesBecomePredicatesOnDataModelFields() {
        QueryAnalysis a = analyze("| tstats count from datamodel=Endpoint.Processes where Processes.process_name IN (\"powershell.exe\", \"pwsh.exe\")"
                + " Processes.process=\"* -enc *\" by Processes.dest");

        assertThat(a.indicators()).extracting(Indicator::field, Indicator::kind, Indicator::value).containsExactly(
                tuple("process_name", Kind.EQ, "powershell.exe"), tuple("process_name", Kind.EQ, "pwsh.exe"),
                tuple("process", Kind.CONTAINS, " -enc "));
        assertThat(a.indicators()).extracting(Indicator::dataModel).containsOnly("Processes");
    }

    @Test
    void whereWithLikeMatchInAndIsnullMapsToKinds() {
        QueryAnalysis a = analyze("index=x | where like(process, \"%-enc%\") AND match(process_name, \"(?i)^cmd\\.exe$\")"
                + " AND in(user, \"a\", \"b\") AND isnull(parent) AND count > 5 AND NOT src==dest");

        assertThat(indicators(a)).containsExactly("index eq x match", "process contains -enc match", "process_name re (?i)^cmd\\.exe$ match",
                "user eq a match", "user eq b match", "parent null null match", "count gt 5 match", "src fieldref dest exclude");
    }

    /** Splunk's Search Manual: in search, OR is evaluated before AND, so a leading macro or field holds for every branch. */
    @Test
    void orBindsTighterThanAndInASearchAsSplunkEvaluatesIt() {
        QueryAnalysis a = analyze("sourcetype=okta eventType=a OR eventType=b factor=push");

        assertThat(io.rulescope.query.IndicatorCollector.render(a.stages().get(0).expression()))
                .isEqualTo("sourcetype eq okta AND (eventType eq a OR eventType eq b) AND factor eq push");
    }

    @Test
    void notAndNotEqualsGiveExcludePolarity() {
        QueryAnalysis a = analyze("EventCode=4688 NOT (user=SYSTEM OR user=\"LOCAL SERVICE\") process_name!=svchost.exe");

        assertThat(indicators(a)).containsExactly("EventCode eq 4688 match", "user eq SYSTEM exclude",
                "user eq LOCAL SERVICE exclude", "process_name eq svchost.exe exclude");
    }

    @Test
    void wildcardValuesMapToContainsStartsWithEndsWithAndWildcard() {
        QueryAnalysis a = analyze("a=\"*x*\" b=x* c=*x d=x*y*z e=*");

        assertThat(a.indicators()).extracting(Indicator::kind).containsExactly(Kind.CONTAINS, Kind.STARTSWITH, Kind.ENDSWITH,
                Kind.WILDCARD, Kind.EXISTS);
    }

    @Test
    void aSubsearchIsShownAsNotAnalysedAndTheRestOfTheStageStillIs() {
        QueryAnalysis a = analyze("index=a [ search index=b | fields user ] action=blocked | stats count");

        assertThat(indicators(a)).containsExactly("index eq a match", "action eq blocked match");
        assertThat(a.stages().get(0).note()).contains("subsearch");
        assertThat(a.notes()).singleElement().asString().startsWith("stage 1:");
    }

    @Test
    void macrosWithArgumentsAreExpandedInPlaceAndRememberTheMacro() {
        QueryAnalysis a = analyze("`sysmon` `process_filter(Image, *\\\\cmd.exe)` EventCode=1");

        assertThat(indicators(a)).containsExactly("source eq XmlWinEventLog:Microsoft-Windows-Sysmon/Operational match",
                "Image endswith \\cmd.exe match", "EventCode eq 1 match");
    }

    @Test
    void unknownAndLoopingMacrosStayVisibleWithAReason() {
        QueryAnalysis a = analyze("`nobody_defined_this` `loop` y=2");

        assertThat(indicators(a)).containsExactly("x eq 1 match", "y eq 2 match");
        assertThat(a.stages().get(0).note()).contains("not defined in any source");
    }

    @Test
    void regexStagesArePredicatesAndPipesInQuotesDoNotSplit() {
        QueryAnalysis a = analyze("index=x cmd=\"a|b\" | regex process=\"\\w+\\|\\d\" | regex user!=\"^svc_\"");

        assertThat(a.stages()).hasSize(3);
        assertThat(indicators(a)).containsExactly("index eq x match", "cmd eq a|b match", "process re \\w+\\|\\d match",
                "user re ^svc_ exclude");
    }

    @Test
    void caseAndTermWithoutAFieldAreSearchTermsNamedByTheirText() {
        QueryAnalysis a = analyze("TERM(10.0.0.1) CASE(Admin) \"quoted phrase\" bare");

        assertThat(a.searchTerms()).extracting(QueryAnalysis.SearchTerm::term).containsExactly("10.0.0.1", "Admin", "quoted phrase", "bare");
        assertThat(a.indicators()).isEmpty();
    }

    @Test
    void searchTermsUnderNotAreExclusions() {
        QueryAnalysis a = analyze("powershell NOT \"-NoProfile\"");

        assertThat(a.searchTerms()).extracting(QueryAnalysis.SearchTerm::term, QueryAnalysis.SearchTerm::polarity)
                .containsExactly(tuple("powershell", Polarity.MATCH), tuple("-NoProfile", Polarity.EXCLUDE));
    }

    @Test
    void lookupRexAndEvalStagesHaveNoPredicates() {
        QueryAnalysis a = analyze("index=x | rex field=_raw \"(?<user>\\w+)\" | lookup users user OUTPUT dept | eval y=lower(x)");

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("search", "rex", "lookup", "eval");
        assertThat(a.stages().subList(1, 4)).allMatch(s -> s.expression() == null && s.note() == null);
    }

    @Test
    void anExplicitSearchStageLaterInThePipelineIsAnalysedToo() {
        QueryAnalysis a = analyze("index=x | stats count by user | search count>10 user!=admin");

        assertThat(indicators(a)).containsExactly("index eq x match", "count gt 10 match", "user eq admin exclude");
        assertThat(a.indicators().get(1).stage()).isEqualTo(3);
    }

    @Test
    void quotedFieldNamesAndCaseSensitiveTermsKeepTheirMeaning() {
        QueryAnalysis a = analyze("\"additionalEventData.MFAUsed\"=No CASE(Admin=Yes)");

        assertThat(indicators(a)).containsExactly("additionalEventData.MFAUsed eq No match", "Admin eq Yes match");
        assertThat(a.indicators().get(1).caseSensitive()).isTrue();
    }

    @Test
    void inListsKeepWildcardKindsPerValue() {
        QueryAnalysis a = analyze("CommandLine IN (\"*\\\\AppData\\\\*\", \"*mshta*\", \"cmd.exe\")");

        assertThat(indicators(a)).containsExactly("CommandLine contains \\AppData\\ match", "CommandLine contains mshta match",
                "CommandLine eq cmd.exe match");
    }

    @Test
    void timeRangeModifiersAreNotIndicators() {
        QueryAnalysis a = analyze("index=x earliest=-24h latest=now sourcetype=y");

        assertThat(indicators(a)).containsExactly("index eq x match", "sourcetype eq y match");
    }

    @Test
    void whereWithAComputedValueIsMarkedNotAnalysedAndTheRestIsKept() {
        QueryAnalysis a = analyze("index=x | where len(cmd) > 200 AND user=\"root\"");

        assertThat(indicators(a)).containsExactly("index eq x match", "user eq root match");
        assertThat(a.stages().get(1).note()).contains("not analysed");
    }

    @Test
    void deeplyNestedBooleansKeepTheirPolarity() {
        QueryAnalysis a = analyze("a=1 NOT (b=2 AND NOT (c=3 OR NOT d=4))");

        assertThat(indicators(a)).containsExactly("a eq 1 match", "b eq 2 exclude", "c eq 3 match", "d eq 4 exclude");
    }

    @Test
    void macroStagesShowTheirExpansionAndDataModelDropsAreCommands() {
        QueryAnalysis a = analyze("index=x | `security_content_ctime(firstTime)`");

        assertThat(a.stages().get(1).command()).isEqualTo("search");
        assertThat(a.stages().get(1).expansion()).contains("ctime(firstTime)");
        assertThat(a.stages().get(1).expression()).isNull();
    }
}
