package io.rulescope.dialect.kql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.query.Indicator;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kusto queries taken apart; each expectation was checked by reading the query. */
class KqlAnalyzerGoldenTest {

    private final KqlAnalyzer analyzer = new KqlAnalyzer(IndicatorAnalysis.shippedTaxonomy());

    private static List<String> indicators(QueryAnalysis a) {
        return a.indicators().stream().map(i -> i.field() + " " + i.kind().label() + " " + i.value() + " " + i.polarity().label()
                + (i.modifiers().isEmpty() ? "" : " " + i.modifiers())).toList();
    }

    @Test
    void aLetListIsItsOwnStageAndAFilterNamingItIsShownWithItsValues() {
        String query = """
                // decoy services
                let Artifacts = dynamic (["fgexec","mimikatz"]);
                Event
                | where Source == "Service Control Manager" and EventID == 7045
                | parse EventData with * 'ServiceName">' ServiceName "<" *
                | where ServiceName has_any (Artifacts) or ImagePath has_any (Artifacts)
                |summarize StartTime = min(TimeGenerated) by EventID, Computer, ServiceName
                """;

        QueryAnalysis a = analyzer.analyze(query);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("let", "table", "where", "parse", "where", "summarize");
        assertThat(a.stages()).extracting(StageAnalysis::depth).containsOnly(0);
        assertThat(a.stages().get(0).text()).isEqualTo("let Artifacts = dynamic ([\"fgexec\",\"mimikatz\"]);");
        assertThat(a.stages().get(0).note()).startsWith("defines Artifacts as 2 values");
        assertThat(a.stages().get(3).text()).isEqualTo("| parse EventData with * 'ServiceName\">' ServiceName \"<\" *");
        assertThat(indicators(a)).containsExactly(
                "Source eq Service Control Manager match [cased]",
                "EventID eq 7045 match [cased]",
                "ServiceName contains fgexec match [has]",
                "ServiceName contains mimikatz match [has]",
                "ImagePath contains fgexec match [has]",
                "ImagePath contains mimikatz match [has]");
        assertThat(a.groupBy()).containsExactly("EventID", "Computer", "ServiceName");
        assertThat(a.sources()).containsExactly("Event");
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void theTableFunctionReadsTheTableItNamesAndNoTableCalledTable() {
        String query = """
                let aadFunc = (tableName: string) { table(tableName) | where ResultType == 0 };
                union (aadFunc("SigninLogs")), (table("AADNonInteractiveUserSignInLogs") | where ResultType == 0)
                """;

        QueryAnalysis a = analyzer.analyze(query);

        assertThat(a.sources()).doesNotContain("table").contains("AADNonInteractiveUserSignInLogs");
    }

    @Test
    void aLetSubQueryAndAJoinRightSideAreSplitOneLevelDeeper() {
        String query = """
                let Servers = (SecurityEvent | where EventID == 4624 | summarize by Computer);
                SecurityEvent
                | where Computer in~ (Servers)
                | join kind=inner (DeviceProcessEvents | where FileName =~ "sqlservr.exe") on $left.Computer == $right.DeviceName
                | project Computer
                """;

        QueryAnalysis a = analyzer.analyze(query);

        assertThat(a.stages()).extracting(s -> s.depth() + ":" + s.command()).containsExactly(
                "0:let", "1:table", "1:where", "1:summarize", "0:table", "0:where", "0:join", "1:table", "1:where", "0:project");
        assertThat(a.sources()).containsExactly("SecurityEvent", "DeviceProcessEvents");
        assertThat(indicators(a)).containsExactly("EventID eq 4624 match [cased]", "FileName eq sqlservr.exe match");
        assertThat(a.stages().get(5).note()).as("membership in a sub-query is the query's design, not a gap").isNull();
        assertThat(a.groupBy()).as("only the query's own summarize gives the group-by").isEmpty();
        assertThat(a.stages().get(6).text()).isEqualTo("| join kind=inner (…) on $left.Computer == $right.DeviceName");
    }

    @Test
    void aUnionOfSubQueriesShowsEachLegOnceUnderItNotAgainInTheUnionStage() {
        QueryAnalysis a = analyzer.analyze("""
                (union isfuzzy=true
                  (DeviceNetworkEvents | where RemotePort == 4444),
                  (DeviceProcessEvents | where FileName =~ "nc.exe")
                | extend Host = DeviceName)
                | project Host
                """);

        assertThat(a.stages()).extracting(s -> s.depth() + ":" + s.command() + ":" + s.text()).containsExactly(
                "0:table:(…)",
                "1:union:union isfuzzy=true\n  (…),\n  (…)",
                "2:table:DeviceNetworkEvents", "2:where:| where RemotePort == 4444",
                "2:table:DeviceProcessEvents", "2:where:| where FileName =~ \"nc.exe\"",
                "1:extend:| extend Host = DeviceName",
                "0:project:| project Host");
    }

    @Test
    void timeWindowsAreLeftOutAndNegationsBecomeExclusions() {
        QueryAnalysis a = analyzer.analyze("""
                DeviceProcessEvents
                | where Timestamp > ago(7d) and ProcessCommandLine has_all ("-enc", "hidden")
                | where not(InitiatingProcessFileName in~ ("svchost.exe", "services.exe")) and FolderPath !endswith @"\\Windows\\Temp\\x.exe"
                | where isnotempty(AccountName) and DestinationPort between (1024 .. 65535)
                """);

        assertThat(indicators(a)).containsExactly(
                "ProcessCommandLine contains -enc match [has]",
                "ProcessCommandLine contains hidden match [has]",
                "InitiatingProcessFileName eq svchost.exe exclude",
                "InitiatingProcessFileName eq services.exe exclude",
                "FolderPath endswith \\Windows\\Temp\\x.exe exclude",
                "AccountName exists null match",
                "DestinationPort gte 1024 match",
                "DestinationPort lte 65535 match");
        assertThat(a.indicators()).extracting(Indicator::canonicalField)
                .contains("process.command_line", "process.parent.name", "process.executable", "destination.port");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            X == "a\\"b"                 | X eq a"b match [cased]
            X =~ @'C:\\Temp'              | X eq C:\\Temp match
            X has h"secret"              | X contains secret match [has]
            X !contains_cs "Mozilla"     | X contains Mozilla exclude [cased]
            X containscs "Mozilla"       | X contains Mozilla match [cased]
            X matches regex "^a.*b$"     | X re ^a.*b$ match
            tolower(X) startswith "cmd"  | X startswith cmd match
            ['Column Name'] != "v"       | Column Name eq v exclude [cased]
            X has ('one value')          | X contains one value match [has]
            X >= -1                      | X gte -1 match
            """)
    void operatorsAndStringFormsReadAsPredicates(String where, String expected) {
        QueryAnalysis a = analyzer.analyze("T | where " + where);

        assertThat(indicators(a)).containsExactly(expected);
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void whatIsNotATestOfAColumnIsShownAsNotAnalysedAndTheRestIsStillRead() {
        QueryAnalysis a = analyzer.analyze("T | where ipv4_is_private(SrcIpAddr) == false and Account == \"x\" and Count > 2*Average");

        assertThat(indicators(a)).containsExactly("Account eq x match [cased]");
        assertThat(a.notes()).containsExactly("stage 2: partly not analysed: not a test of a column");
    }

    @Test
    void pipesAndSemicolonsInsideStringsCommentsAndBracketsDoNotSplit() {
        QueryAnalysis a = analyzer.analyze("""
                let a = "x|y;z"; // a comment | with a pipe; and a semicolon
                T | where C has "p|q" | extend d = strcat("|", ";") | where E == ```multi
                line | text```
                """);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("let", "table", "where", "extend", "where");
        assertThat(indicators(a)).containsExactly("C contains p|q match [has]", "E eq multi\nline | text match [cased]");
    }

    @ParameterizedTest(name = "{0} defines {1}")
    @CsvSource(delimiterString = ";;", textBlock = """
            T | extend Hours = datetime_diff('hour', now(), TimeGenerated), Name = tolower(Account) ;; Hours Name
            T | extend Flag = iff(A == 1, true, false)                                                  ;; Flag
            T | project-rename Target = TargetUserName                                                  ;; Target
            T | parse kind=regex Message with * "user=" User:string ", ip=" Ip:string                    ;; User Ip
            T | where A == 1                                                                            ;; ''
            """)
    void aStageNamesTheColumnsItComputesSoTheMatcherNeedNotReadItsText(String query, String columns) {
        QueryAnalysis a = analyzer.analyze(query);

        assertThat(a.stages().get(1).defines()).containsExactlyElementsOf(columns.isBlank() ? List.of() : List.of(columns.split(" ")));
    }
}
