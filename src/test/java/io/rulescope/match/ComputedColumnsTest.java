package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.rulescope.dialect.elastic.ElasticDialect;
import io.rulescope.dialect.kql.KqlDialect;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A first stage that tests a column an earlier stage computed (an ES|QL grok or eval, a Kusto extend or parse) cannot
 * be decided on one pasted event, which holds no such column: the matcher leaves that test undecided instead of
 * reading a field of the event that happens to share the name.
 */
class ComputedColumnsTest {

    private static final EventReader READER = SigmaEvaluationTest.READER;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = ";;", textBlock = """
            Elastic ;; esql ;; from logs-* | grok message "%{IP:source.ip} %{WORD:verb}" | where source.ip == "10.0.0.1" and process.name == "evil.exe"
            Elastic ;; esql ;; from logs-* | eval source.ip = to_ip(raw_ip) | where source.ip == "10.0.0.1" and process.name == "evil.exe"
            Elastic ;; esql ;; from logs-* | dissect message "%{+source.ip} %{?skip}" | where source.ip == "10.0.0.1" and process.name == "evil.exe"
            Sentinel ;; kql ;; DeviceProcessEvents | extend RemoteIP = tostring(AdditionalFields.ip), Port = 1 | where RemoteIP == "10.0.0.1" and FileName == "evil.exe"
            Sentinel ;; kql ;; DeviceProcessEvents | project-rename RemoteIP = LocalIP | where RemoteIP == "10.0.0.1" and FileName == "evil.exe"
            Sentinel ;; kql ;; DeviceProcessEvents | parse AdditionalFields with * "ip=" RemoteIP:string "," * | where RemoteIP == "10.0.0.1" and FileName == "evil.exe"
            """)
    void aTestOnAComputedColumnIsNotDecidedByTheEventsFieldOfTheSameName(String platform, String language, String query) {
        EventMatcher matcher = matcherFor(platform, language, query);
        String event = platform.equals("Elastic") ? "{\"source\": {\"ip\": \"192.168.1.1\"}, \"process\": {\"name\": \"evil.exe\"}}"
                : "{\"RemoteIP\": \"192.168.1.1\", \"FileName\": \"evil.exe\"}";

        assertThat(matcher.fires(READER.read(event))).as("the event's own field says nothing of the column the query computed")
                .hasSize(1);
    }

    @Test
    void aColumnTheQueryDoesNotComputeIsTestedOnTheEvent() {
        EventMatcher matcher = matcherFor("Elastic", "esql",
                "from logs-* | grok message \"%{IP:client.ip}\" | where source.ip == \"10.0.0.1\" and process.name == \"evil.exe\"");

        assertThat(matcher.fires(READER.read("{\"source\": {\"ip\": \"192.168.1.1\"}, \"process\": {\"name\": \"evil.exe\"}}")))
                .isEmpty();
    }

    private static EventMatcher matcherFor(String platform, String language, String query) {
        Rule rule = new Rule("uid-1", "rule-1", false, "Test rule", platform.equals("Elastic") ? ElasticDialect.ELASTIC
                : KqlDialect.SENTINEL);
        rule.setLanguage(language);
        rule.setQuery(query);
        IndicatorAnalysis.Analyzer analyzer = SigmaEvaluationTest.ANALYSIS.analyzer(Map.of());
        return EventMatcher.build(List.of(rule), analyzer::analyze, SigmaEvaluationTest.ANALYSIS.taxonomy());
    }
}
