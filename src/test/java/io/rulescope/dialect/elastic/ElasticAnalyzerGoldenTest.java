package io.rulescope.dialect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EQL, ES|QL, KQL and Lucene queries taken apart; each expectation was checked by reading the query. */
class ElasticAnalyzerGoldenTest {

    private final ElasticAnalyzer analyzer = new ElasticAnalyzer(IndicatorAnalysis.shippedTaxonomy());

    static List<String> indicators(QueryAnalysis a) {
        return a.indicators().stream().map(i -> i.field() + " " + i.kind().label() + (i.value() == null ? "" : " " + i.value())
                + " " + i.polarity().label() + (i.modifiers().isEmpty() ? "" : " " + i.modifiers())).toList();
    }

    @Test
    void anEqlSequenceHasAStagePerStepWithItsCategoryAndTheByKeysAsGroupBy() {
        String query = """
                sequence by host.id with maxspan=1m
                  [process where event.type == "start" and process.name : ("rundll32.exe", "mshta.exe")] by process.entity_id
                  [network where destination.port == 443 and not cidrMatch(destination.ip, "10.0.0.0/8")] by process.entity_id
                """;

        QueryAnalysis a = analyzer.analyze(ElasticLanguage.EQL, query);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("sequence", "process", "network");
        assertThat(a.stages().get(0).text()).isEqualTo("sequence by host.id with maxspan=1m");
        assertThat(a.stages().get(1).text()).startsWith("[process where").endsWith("] by process.entity_id");
        assertThat(a.groupBy()).containsExactly("host.id", "process.entity_id");
        assertThat(indicators(a)).containsExactly(
                "event.category eq process match",
                "event.type eq start match [cased]",
                "process.name eq rundll32.exe match",
                "process.name eq mshta.exe match",
                "event.category eq network match",
                "destination.port eq 443 match [cased]",
                "destination.ip cidr 10.0.0.0/8 exclude");
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void anEqlQueryWithWildcardsAndFunctionsReadsAsKinds() {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.EQL, """
                process where host.os.type == "windows" and
                  process.command_line : "*-enc*" and startsWith~(process.executable, "C:\\\\Users\\\\") and
                  process.parent.name != null and ?process.Ext.token.integrity_level_name in~ ("high", "system")
                """);

        assertThat(indicators(a)).containsExactly(
                "event.category eq process match",
                "host.os.type eq windows match [cased]",
                "process.command_line contains -enc match",
                "process.executable startswith C:\\Users\\ match",
                "process.parent.name exists match",
                "process.Ext.token.integrity_level_name eq high match",
                "process.Ext.token.integrity_level_name eq system match");
    }

    @Test
    void anEsqlQueryIsAPipelineWithItsIndexesWhereAndStatsBy() {
        String query = """
                from logs-endpoint.events.process-* metadata _id, _index
                | where host.os.type == "linux" and process.name in ("bash", "sh") and process.parent.name like "php*"
                // keep what the alert needs
                | stats Esql.count = count(), Esql.hosts = count_distinct(host.id) by process.executable, user.name
                | where Esql.count < 5
                """;

        QueryAnalysis a = analyzer.analyze(ElasticLanguage.ESQL, query);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("from", "where", "stats", "where");
        assertThat(a.stages().get(2).text()).startsWith("| stats Esql.count").endsWith("by process.executable, user.name");
        assertThat(a.sources()).containsExactly("logs-endpoint.events.process-*");
        assertThat(a.groupBy()).containsExactly("process.executable", "user.name");
        assertThat(indicators(a)).containsExactly(
                "host.os.type eq linux match [cased]",
                "process.name eq bash match [cased]",
                "process.name eq sh match [cased]",
                "process.parent.name startswith php match [cased]",
                "Esql.count lt 5 match");
    }

    @Test
    void esqlKqlFunctionIsReadAsTheKqlQueryItHolds() {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.ESQL, "from logs-* | where KQL(\"\"\"event.action:executed and process.name:(curl or wget)\"\"\")");

        assertThat(indicators(a)).containsExactly("event.action eq executed match", "process.name eq curl match", "process.name eq wget match");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            event.dataset:aws.cloudtrail and event.action:CreateCluster           | event.dataset eq aws.cloudtrail match; event.action eq CreateCluster match
            process.args:(* curl* or "-x")                                       | process.args contains  curl match; process.args eq -x match
            not user.name:root and process.env_vars:*LD_PRELOAD=*                | user.name eq root exclude; process.env_vars contains LD_PRELOAD= match
            winlog.event_data.AttributeValue:*CN\\=AdminSDHolder,CN\\=System*    | winlog.event_data.AttributeValue contains CN=AdminSDHolder,CN=System match
            file.path:("a" and ("b" or "c"))                                     | file.path eq a match; file.path eq b match; file.path eq c match
            event.code:4688 and process.pid >= 4                                 | event.code eq 4688 match; process.pid gte 4 match
            """)
    void kqlQueriesReadAsFieldTestsWithWildcards(String query, String expected) {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.KUERY, query);

        assertThat(indicators(a)).containsExactly(expected.split("; "));
        assertThat(a.stages()).singleElement().extracting(StageAnalysis::command).isEqualTo("query");
    }

    @Test
    void luceneQueriesReadExistsAndRegularExpressions() {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.LUCENE, "event.category:process AND process.args:(g+s OR /2[0-9]{3}/) AND NOT _exists_:user.id");

        assertThat(indicators(a)).containsExactly("event.category eq process match", "process.args eq g+s match",
                "process.args re 2[0-9]{3} match [anchored]", "user.id exists exclude");
    }

    @Test
    void aLuceneRegularExpressionKeepsItsEscapesAndSpacesAndAnAddressRangeIsACidrMatch() {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.LUCENE,
                "process.command_line:/net\\s+use\\s+https:\\/\\/docs.live.net .*/ AND NOT destination.ip:(10.0.0.0\\/8 OR fc00\\:\\:\\/7)");

        assertThat(indicators(a)).containsExactly("process.command_line re net\\s+use\\s+https://docs.live.net .* match [anchored]",
                "destination.ip cidr 10.0.0.0/8 exclude", "destination.ip cidr fc00::/7 exclude");
    }

    @Test
    void aFieldLowerCasedBeforeItsComparisonIsComparedWithoutCase() {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.ESQL,
                "from logs-* | where to_lower(process.executable) like \"*/foo.exe\" and ends_with(to_lower(file.name), \".chm\") and user.name == \"x\"");

        assertThat(indicators(a)).containsExactly("process.executable endswith /foo.exe match", "file.name endswith .chm match",
                "user.name eq x match [cased]");
    }

    @Test
    void anEsqlLikePatternsEscapedBackslashIsOneBackslash() {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.ESQL, "from logs-* | where file.path like \"*:::::\\\\\\\\windows\\\\\\\\sentinel*\"");

        assertThat(indicators(a)).containsExactly("file.path contains :::::\\windows\\sentinel match [cased]");
    }

    @Test
    void whatIsNotATestOfAFieldIsNamedAndTheRestIsStillRead() {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.EQL, "file where length(file.name) > 30 and file.extension == \"dll\"");

        assertThat(indicators(a)).containsExactly("event.category eq file match", "file.extension eq dll match [cased]");
        assertThat(a.notes()).containsExactly("stage 1: partly not analysed: not a test of a field");
    }

    @ParameterizedTest(name = "{0} defines {1}")
    @CsvSource(delimiterString = ";;", textBlock = """
            from logs-* | eval hours = date_diff("hour", @timestamp, now()), user = to_lower(user.name) ;; hours user
            from logs-* | rename user.name AS account, host.name AS host                                ;; account host
            from logs-* | grok message "%{IP:source.ip} %{WORD} %{NUMBER:bytes:int}"                    ;; source.ip bytes
            from logs-* | dissect message "%{+ts} %{?skipped} %{user->} %{}"                             ;; ts user
            from logs-* | where process.name == "x"                                                     ;; ''
            """)
    void anEsqlCommandNamesTheColumnsItComputes(String query, String columns) {
        QueryAnalysis a = analyzer.analyze(ElasticLanguage.ESQL, query);

        assertThat(a.stages().get(1).defines()).containsExactlyElementsOf(columns.isBlank() ? List.of() : List.of(columns.split(" ")));
    }
}
