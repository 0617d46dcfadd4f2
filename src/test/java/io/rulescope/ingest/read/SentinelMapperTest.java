package io.rulescope.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.Test;

/** Sentinel analytic rules in the layouts found in the wild, recognised from their content wherever they sit. */
class SentinelMapperTest {

    private static final String REPOSITORY_LAYOUT = """
            id: 0b904747-1336-4363-8d84-df2710bfe5e7
            name: Rare process started by the SQL service
            description: |
              'Processes that sqlservr.exe rarely starts.'
            severity: Medium
            requiredDataConnectors:
              - connectorId: SecurityEvents
                dataTypes:
                  - SecurityEvent
            queryFrequency: 1d
            queryPeriod: 14d
            triggerOperator: gt
            triggerThreshold: 0
            tactics:
              - Execution
              - CommandandControl
            relevantTechniques:
              - T1059
            subTechniques:
              - T1059.003
            query: |-
              SecurityEvent
              | where EventID == 4688 and ParentProcessName endswith "sqlservr.exe"
            kind: Scheduled
            version: 1.0.2
            """;

    @Test
    void theRepositoryLayoutWithWindowsLineEndingsAndAByteOrderMarkIsARule() {
        byte[] text = ("\uFEFF" + REPOSITORY_LAYOUT.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);
        FileResult result = RuleDocumentsTest.ingest("Analytic Rules/RareSqlChild.yaml", text, new SupportingData());

        assertThat(result.problems()).filteredOn(p -> p.level() != IngestProblem.Level.WARNING).isEmpty();
        Rule rule = result.rules().get(0);
        assertThat(rule.getFormat()).isEqualTo(io.rulescope.dialect.kql.KqlDialect.SENTINEL);
        assertThat(rule.getPlatform()).isEqualTo("Microsoft Sentinel");
        assertThat(rule.getLanguage()).isEqualTo("kql");
        assertThat(rule.getRuleId()).isEqualTo("0b904747-1336-4363-8d84-df2710bfe5e7");
        assertThat(rule.getDescription()).as("the quotes inside the block are not part of the text").isEqualTo("Processes that sqlservr.exe rarely starts.");
        assertThat(rule.getSeverity()).isEqualTo("medium");
        assertThat(rule.getTechniqueIds()).containsExactly("T1059", "T1059.003");
        assertThat(rule.getTacticHints()).containsExactly("execution", "commandand-control");
        assertThat(rule.getDataSources()).containsExactly("SecurityEvents");
        assertThat(rule.getRuleType()).isEqualTo("Scheduled");
        assertThat(rule.getSchedule()).isEqualTo("every 1d over the last 14d; alerts when results > 0");
        assertThat(rule.getQuery()).startsWith("SecurityEvent\n| where EventID == 4688");
    }

    @Test
    void thePortalExportLayoutReadsItsDisplayNameTechniquesAndIsoDurations() {
        FileResult result = RuleDocumentsTest.ingestText("exports/rule.yaml", """
                displayName: Mass download by a single user
                enabled: false
                severity: High
                query: OfficeActivity | where Operation == "FileDownloaded"
                queryFrequency: PT5H
                queryPeriod: P1D
                triggerOperator: GreaterThan
                triggerThreshold: 10
                tactics: [Exfiltration]
                techniques: [T1030]
                """);

        Rule rule = result.rules().get(0);
        assertThat(rule.getTitle()).isEqualTo("Mass download by a single user");
        assertThat(rule.getStatus()).isEqualTo("disabled");
        assertThat(rule.getTechniqueIds()).containsExactly("T1030");
        assertThat(rule.getSchedule()).isEqualTo("every 5h over the last 1d; alerts when results > 10");
        assertThat(rule.isDerivedId()).isTrue();
    }

    @Test
    void aStubLeftWhereARuleMovedIsSkippedWithWhereItWent() {
        FileResult result = RuleDocumentsTest.ingestText("Detections/X/Moved.yaml", """
                id: 113c5614-cfab-4a58-9f63-9e189cd1e01f
                name: SUNSPOT malware hashes
                description: |
                  'As part of content migration, this file is moved to new location. You can find here: https://github.com/Azure/Azure-Sentinel/blob/master/Solutions/X/Analytic%20Rules/SUNSPOTHashes.yaml'
                """);

        assertThat(result.rules()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(IngestProblem.Level.SKIPPED);
            assertThat(p.reason()).isEqualTo("moved: a stub for a rule that moved to the Solutions folder "
                    + "(now https://github.com/Azure/Azure-Sentinel/blob/master/Solutions/X/Analytic%20Rules/SUNSPOTHashes.yaml)");
        });
    }
}
