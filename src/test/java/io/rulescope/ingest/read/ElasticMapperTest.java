package io.rulescope.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.ingest.history.GitHistory;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.Test;

/** Elastic detection rules read from TOML: every key the rule page shows, and a broken file reported by line. */
class ElasticMapperTest {

    static FileResult ingestToml(String path, String toml) {
        byte[] bytes = toml.getBytes(StandardCharsets.UTF_8);
        SourceFile file = new SourceFile(RuleDocumentsTest.SOURCE, path, bytes.length, () -> bytes);
        return RuleDocuments.map(FileResult.parsed(file, new TomlReader(1 << 20).parse(bytes)));
    }

    private static final String EQL_RULE = """
            [metadata]
            creation_date = "2023/01/11"
            integration = ["endpoint"]
            maturity = "production"
            updated_date = "2026/07/28"

            [rule]
            author = ["Elastic"]
            description = \"\"\"
            Detects `rundll32.exe` loading a script.
            \"\"\"
            false_positives = ["Software installers that call rundll32 with a script.", "Admin tooling."]
            from = "now-9m"
            index = ["logs-endpoint.events.process-*", "winlogbeat-*"]
            language = "eql"
            name = "Rundll32 with a script"
            note = \"\"\"## Triage and analysis

            - Review the **parent** process.
            <script>alert(1)</script>
            \"\"\"
            risk_score = 47
            rule_id = "1dee0500-4aeb-44ca-b24b-4a285d7b6ba1"
            setup = "Requires Elastic Defend."
            severity = "medium"
            tags = ["OS: Windows", "Data Source: Elastic Defend", "Tactic: Execution"]
            type = "eql"
            query = '''
            process where event.type == "start" and process.name : "rundll32.exe" and process.args : "*javascript:*"
            '''

            [[rule.threat]]
            framework = "MITRE ATT&CK"
            [[rule.threat.technique]]
            id = "T1218"
            name = "System Binary Proxy Execution"
            [[rule.threat.technique.subtechnique]]
            id = "T1218.011"
            name = "Rundll32"

            [rule.threat.tactic]
            id = "TA0005"
            name = "Defense Evasion"
            """;

    @Test
    void anEqlRuleIsReadWithItsThreatMappingGuideAndIndexes() {
        FileResult result = ingestToml("rules/windows/defense_evasion_rundll32_script.toml", EQL_RULE);

        assertThat(result.problems()).isEmpty();
        Rule rule = result.rules().get(0);
        assertThat(rule.getFormat()).isEqualTo(io.rulescope.dialect.elastic.ElasticDialect.ELASTIC);
        assertThat(rule.getPlatform()).isEqualTo("Elastic");
        assertThat(rule.getLanguage()).isEqualTo("eql");
        assertThat(rule.getRuleId()).isEqualTo("1dee0500-4aeb-44ca-b24b-4a285d7b6ba1");
        assertThat(rule.getStatus()).isEqualTo("production");
        assertThat(rule.getCreated()).isEqualTo(LocalDate.of(2023, 1, 11));
        assertThat(rule.getModified()).isEqualTo(LocalDate.of(2026, 7, 28));
        assertThat(rule.getTechniqueIds()).containsExactly("T1218", "T1218.011");
        assertThat(rule.getTacticHints()).containsExactly("defense-evasion");
        assertThat(rule.getDataSources()).containsExactly("logs-endpoint.events.process-*", "winlogbeat-*");
        assertThat(rule.getInvestigationGuide()).startsWith("## Triage and analysis");
        assertThat(rule.getHowToImplement()).isEqualTo("Requires Elastic Defend.");
        assertThat(rule.getKnownFalsePositives()).isEqualTo("Software installers that call rundll32 with a script.\n\nAdmin tooling.");
        assertThat(rule.getQuery()).startsWith("process where event.type == \"start\"");
        assertThat(rule.getSchedule()).isEqualTo("every 5m, looking back to now-9m");
        assertThat(rule.getRaw()).as("the page shows the file as written").contains("[[rule.threat]]");
    }

    @Test
    void aTomlRuleInAGitSourcesHistoryIsReadAsTomlNotYaml() {
        byte[] bytes = EQL_RULE.getBytes(StandardCharsets.UTF_8);

        List<Rule> rules = GitHistory.rulesOf(RuleDocumentsTest.SOURCE, "rules/windows/defense_evasion_rundll32_script.toml", bytes,
                new YamlReader(1 << 20));

        assertThat(rules).extracting(Rule::getRuleId).containsExactly("1dee0500-4aeb-44ca-b24b-4a285d7b6ba1");
    }

    @Test
    void aMachineLearningRuleHasNoQueryAndNamesItsJob() {
        FileResult result = ingestToml("rules/ml/ml_rare_process.toml", """
                [metadata]
                maturity = "production"
                [rule]
                anomaly_threshold = 50
                interval = "15m"
                from = "now-45m"
                machine_learning_job_id = ["v3_rare_process_by_host_linux_ea"]
                name = "Unusual Process For a Linux Host"
                rule_id = "46f804f5-b289-43d6-a881-9387cf594f75"
                type = "machine_learning"
                """);

        Rule rule = result.rules().get(0);
        assertThat(rule.getLanguage()).isEqualTo("machine_learning");
        assertThat(rule.getQuery()).isNull();
        assertThat(rule.getSchedule()).isEqualTo("every 15m, looking back to now-45m; anomalies scored 50 or more by the machine learning job "
                + "v3_rare_process_by_host_linux_ea");
    }

    @Test
    void aThresholdRuleGroupsByItsFields() {
        FileResult result = ingestToml("rules/x.toml", """
                [rule]
                name = "Many failed logons"
                rule_id = "r1"
                type = "threshold"
                language = "kuery"
                query = "event.category:authentication and event.outcome:failure"
                [rule.threshold]
                field = ["user.name", "host.id"]
                value = 25
                """);

        Rule rule = result.rules().get(0);
        assertThat(rule.getGroupBy()).containsExactly("user.name", "host.id");
        assertThat(rule.getSchedule()).isEqualTo("alerts when 25 or more events share user.name, host.id");
    }

    @Test
    void aBrokenTomlFileIsReportedWithItsLineAndEverythingElseStillIngests() {
        FileResult broken = ingestToml("rules/broken.toml", """
                [rule]
                name = "Unclosed
                rule_id = "r2"
                """);
        FileResult fine = ingestToml("rules/fine.toml", EQL_RULE);

        assertThat(broken.rules()).isEmpty();
        assertThat(broken.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(IngestProblem.Level.ERROR);
            assertThat(p.path()).isEqualTo("rules/broken.toml");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).startsWith("TOML error: ");
        });
        assertThat(fine.rules()).hasSize(1);
    }

    @Test
    void tomlThatIsNotARuleIsSkippedNotFailed() {
        FileResult result = ingestToml("pyproject.toml", """
                [project]
                name = "detection-rules"
                """);

        assertThat(result.rules()).isEmpty();
        assertThat(result.problems()).singleElement().extracting(IngestProblem::level).isEqualTo(IngestProblem.Level.SKIPPED);
    }
}
