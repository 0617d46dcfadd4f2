package io.rulescope.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

class RuleDocumentsTest {

    static final Source SOURCE = new Source("test", null, "https://example.org/repo/blob/main/", "example.org/repo");

    static FileResult ingest(String path, byte[] bytes, SupportingData support) {
        SourceFile file = new SourceFile(SOURCE, path, bytes.length, () -> bytes);
        FileResult result = RuleDocuments.map(FileResult.parsed(file, new YamlReader(1 << 20).parse(bytes)));
        if (result.supporting()) {
            support.addAll(result.support());
        }
        return result;
    }

    static FileResult ingestText(String path, String yaml) {
        return ingest(path, yaml.getBytes(StandardCharsets.UTF_8), new SupportingData());
    }

    static FileResult ingestFixture(String name) throws IOException {
        try (InputStream in = RuleDocumentsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return ingest("rules/" + name, in.readAllBytes(), new SupportingData());
        }
    }

    private static Rule onlyRule(FileResult result) {
        assertThat(result.problems()).filteredOn(p -> p.level() == IngestProblem.Level.ERROR).isEmpty();
        assertThat(result.rules()).hasSize(1);
        return result.rules().get(0);
    }

    @Test
    void eachRuleOfAMultiDocumentFileKeepsItsOwnDocumentSoMemoryGrowsWithTheFileNotItsSquare() {
        StringBuilder file = new StringBuilder("# a file of many rules\n");
        for (int n = 0; n < 200; n++) {
            file.append(n == 0 ? "" : "---\n").append("title: Rule ").append(n).append("\nid: 00000000-0000-0000-0000-").append(String.format("%012d", n))
                    .append("\nlogsource:\n  product: windows\ndetection:\n  s:\n    EventID: ").append(n).append("\n  condition: s\n");
        }
        file.append("---\n");

        List<Rule> rules = ingestText("rules/many.yml", file.toString()).rules();

        assertThat(rules).hasSize(200);
        assertThat(rules.get(17).getRaw()).startsWith("title: Rule 17\n").contains("EventID: 17").doesNotContain("Rule 18");
        assertThat(rules.stream().mapToLong(r -> r.getRaw().length()).sum()).as("every rule's own text, together").isLessThan(file.length());
    }

    @Test
    void aCollectionsRulesEachKeepTheGlobalPartAndTheirOwnDocument() {
        List<Rule> rules = ingestText("rules/collection.yml", """
                action: global
                title: Two Logs
                id: 00000000-0000-0000-0000-0000000000aa
                detection:
                  condition: s
                ---
                 logsource:
                   product: windows
                   service: security
                 detection:
                   s:
                     EventID: 4688
                ---
                logsource:
                  product: windows
                  category: process_creation
                detection:
                  s:
                    Image|endswith: '\\x.exe'
                """).rules();

        assertThat(rules).hasSize(2);
        assertThat(rules.get(1).getRaw()).startsWith("action: global\ntitle: Two Logs").contains("category: process_creation")
                .doesNotContain("EventID: 4688");
        // A document that indents every line, its first too (SigmaHQ's win_remote_service.yml), keeps reading as YAML.
        assertThat(rules.get(0).getRaw()).contains("\n logsource:\n   product: windows");
        assertThat(new org.yaml.snakeyaml.Yaml().loadAll(rules.get(0).getRaw())).hasSize(2);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "id ''{0}''")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "..", ".", "a/b" })
    void anIdThatCannotFormAPermalinkIsReportedAndADerivedOneServed(String id) {
        FileResult result = ingestText("rules/odd.yml", "title: Odd\nid: " + id + "\nlogsource:\n  product: windows\n"
                + "detection:\n  s:\n    EventID: 1\n  condition: s\n");

        assertThat(onlyRule(result).getRuleId()).startsWith("rs-");
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.reason()).contains("cannot be used in a link"));
    }

    @Test
    void theSeed000RuleIsReadInThe2026SplunkLayout() throws IOException {
        Rule rule = onlyRule(ingestFixture("seed_000_aws_exfiltration_via_batch_service.yml"));

        assertThat(rule.getFormat()).isEqualTo(io.rulescope.dialect.spl.SplDialect.ESCU_2026);
        assertThat(rule.getRuleId()).isEqualTo("04455dd3-ced7-480f-b8e6-5469b99e98e2");
        assertThat(rule.getTitle()).isEqualTo("AWS Exfiltration via Batch Service");
        assertThat(rule.getPlatform()).isEqualTo("Splunk");
        assertThat(rule.getLanguage()).isEqualTo("spl");
        assertThat(rule.getStatus()).isEqualTo("production");
        assertThat(rule.getSeverity()).as("finding.entity.score 50 is in the medium band").isEqualTo("medium");
        assertThat(rule.getAuthor()).isEqualTo("Bhavin Patel, Splunk");
        assertThat(rule.getCreated()).isEqualTo(LocalDate.of(2023, 4, 24));
        assertThat(rule.getModified()).isEqualTo(LocalDate.of(2026, 5, 13));
        assertThat(rule.getTechniqueIds()).containsExactly("T1119");
        assertThat(rule.getStories()).containsExactly("Data Exfiltration");
        assertThat(rule.getDataSources()).containsExactly("AWS CloudTrail JobCreated");
        assertThat(rule.getGroupBy()).containsExactly("signature", "dest", "user", "user_agent", "src",
                "vendor_account", "vendor_region", "vendor_product");
        assertThat(rule.getReferences()).hasSize(2);
        assertThat(rule.getQuery()).startsWith("`cloudtrail` eventName = JobCreated");
        assertThat(rule.getHowToImplement()).startsWith("You must install splunk AWS add on");
        assertThat(rule.getSourceUrl()).isEqualTo("https://example.org/repo/blob/main/rules/seed_000_aws_exfiltration_via_batch_service.yml");
    }

    @Test
    void theSeed001RuleIsReadInTheGenericLogicLayout() throws IOException {
        Rule rule = onlyRule(ingestFixture("seed_001_data_exfiltration_via_aws_cli.yml"));

        assertThat(rule.getFormat()).isEqualTo(RuleFormat.LOGIC);
        assertThat(rule.getRuleId()).isEqualTo("45491.91376");
        assertThat(rule.getTitle()).isEqualTo("Data Exfiltration via AWS CLI - Windows");
        assertThat(rule.getPlatform()).isEqualTo("Splunk");
        assertThat(rule.getLanguage()).isEqualTo("spl");
        assertThat(rule.getTechniqueIds()).containsExactly("T1567");
        assertThat(rule.getTacticHints()).containsExactly("exfiltration");
        assertThat(rule.getDataSources()).containsExactly("Windows Sysmon");
        assertThat(rule.getGroupBy()).containsExactly("_time", "host");
        assertThat(rule.getDescription()).startsWith("Threat actors may abuse the AWS CLI s3 cp command");
    }

    @Test
    void the2024SplunkLayoutReadsFactsUnderTagsAndKeepsUnknownTechniqueIds() throws IOException {
        FileResult result = ingestFixture("escu_2024_layout.yml");
        Rule rule = onlyRule(result);

        assertThat(rule.getFormat()).isEqualTo(io.rulescope.dialect.spl.SplDialect.ESCU_2024);
        assertThat(rule.getSeverity()).as("risk_score 30 is in the low band").isEqualTo("low");
        assertThat(rule.getModified()).as("ESCU's date is the last update").isEqualTo(LocalDate.of(2024, 10, 17));
        assertThat(rule.getCreated()).isNull();
        assertThat(rule.getStories()).containsExactly("Story A");
        assertThat(rule.getTechniqueIds()).as("T9999 is kept to be shown as unknown").containsExactly("T1059.003", "T9999");
        assertThat(rule.getGroupBy()).containsExactly("Processes.dest", "Processes.user");
        assertThat(result.problems()).extracting(IngestProblem::reason)
                .containsExactly("'not-an-id' is not an ATT&CK technique id");
    }

    @Test
    void aSigmaRuleTakesTechniquesAndTacticsFromItsTags() throws IOException {
        Rule rule = onlyRule(ingestFixture("sigma_rule.yml"));

        assertThat(rule.getFormat()).isEqualTo(io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        assertThat(rule.getPlatform()).isEqualTo("Sigma");
        assertThat(rule.getSeverity()).isEqualTo("high");
        assertThat(rule.getTechniqueIds()).containsExactly("T1078.004");
        assertThat(rule.getTacticHints()).containsExactly("persistence");
        assertThat(rule.getCreated()).as("slashed Sigma dates").isEqualTo(LocalDate.of(2023, 3, 15));
        assertThat(rule.getModified()).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(rule.getLogsourceProduct()).isEqualTo("aws");
        assertThat(rule.getLogsourceService()).isEqualTo("cloudtrail");
        assertThat(rule.getKnownFalsePositives()).isEqualTo("Admins\nScripts");
        assertThat(rule.getQuery()).contains("eventName: ConsoleLogin");
    }

    @Test
    void aSigmaCorrelationIsShownAsSuchWithItsRulesGroupByAndTimespan() throws IOException {
        Rule rule = onlyRule(ingestFixture("sigma_correlation.yml"));

        assertThat(rule.getFormat()).isEqualTo(io.rulescope.dialect.sigma.SigmaDialect.CORRELATION);
        assertThat(rule.getRuleType()).isEqualTo("event_count");
        assertThat(rule.getRelatedRules()).containsExactly("failed_login");
        assertThat(rule.getGroupBy()).containsExactly("User", "SourceIp");
        assertThat(rule.getTimespan()).isEqualTo("5m");
        assertThat(rule.getCorrelationCondition()).isEqualTo("gte 10");
    }

    @Test
    void aSigmaFilterWithoutAnIdGetsAStableDerivedId() throws IOException {
        Rule first = onlyRule(ingestFixture("sigma_filter.yml"));
        Rule again = onlyRule(ingestFixture("sigma_filter.yml"));

        assertThat(first.getFormat()).isEqualTo(io.rulescope.dialect.sigma.SigmaDialect.FILTER);
        assertThat(first.getRelatedRules()).containsExactly("0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f");
        assertThat(first.isDerivedId()).isTrue();
        assertThat(first.getRuleId()).startsWith("rs-").isEqualTo(again.getRuleId());
    }

    @Test
    void aSigmaCollectionGivesOneRulePerDocumentWithTheGlobalPartMergedIn() throws IOException {
        FileResult result = ingestFixture("sigma_collection.yml");

        assertThat(result.rules()).hasSize(2);
        assertThat(result.rules()).extracting(Rule::getTitle)
                .containsExactly("Collection Rule (windows / security)", "Collection Rule (windows / system)");
        assertThat(result.rules()).extracting(Rule::getLogsourceService).containsExactly("security", "system");
        assertThat(result.rules()).extracting(Rule::getRuleId).containsOnly("9a8b7c6d-5e4f-4321-8765-4321fedcba98");
        assertThat(result.rules()).extracting(Rule::getUid).doesNotHaveDuplicates();
        assertThat(result.rules().get(0).getTechniqueIds()).containsExactly("T1562.001");
    }

    @Test
    void macrosAreSupportingDataNotRules() {
        SupportingData support = new SupportingData();
        FileResult result = ingest("macros/ctime.yml", """
                name: security_content_ctime
                arguments:
                - field
                definition: convert timeformat="%Y" ctime($field$)
                description: time
                """.getBytes(StandardCharsets.UTF_8), support);

        assertThat(result.rules()).isEmpty();
        assertThat(result.supporting()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(support.macros()).containsKey("security_content_ctime(1)");
        assertThat(support.macros().get("security_content_ctime(1)").arguments()).containsExactly("field");
    }

    @Test
    void aYamlFileThatIsNoRuleIsSkippedWithTheReasonNotARule() {
        FileResult result = ingestText("config.yml", "server:\n  port: 80\n");

        assertThat(result.rules()).isEmpty();
        assertThat(result.problems()).extracting(IngestProblem::level, IngestProblem::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IngestProblem.Level.SKIPPED, "not a rule"));
    }

    @Test
    void aRuleWithoutATitleIsAnErrorThatNamesTheMissingField() {
        FileResult result = ingestText("untitled.yml", "logsource:\n  product: x\ndetection:\n  s:\n    a: 1\n  condition: s\n");

        assertThat(result.rules()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(IngestProblem.Level.ERROR);
            assertThat(p.reason()).isEqualTo("missing required field 'title'");
        });
    }

    @Test
    void aDateThatIsNotADateIsAWarningAndTheRuleIsStillIngested() {
        FileResult result = ingestText("baddate.yml", "title: T\ndate: last tuesday\nlogsource: {}\ndetection:\n  s: [a]\n  condition: s\n");

        assertThat(result.rules()).hasSize(1);
        assertThat(result.rules().get(0).getCreated()).isNull();
        assertThat(result.problems()).extracting(IngestProblem::reason)
                .containsExactly("date: 'last tuesday' is not a date (expected YYYY-MM-DD)");
    }

    @Test
    void aBrokenYamlFileIsReportedWithLineAndColumn() {
        FileResult result = ingestText("broken.yml", "title: x\ndetection:\n  a: [1, 2\n  condition: a\n");

        assertThat(result.rules()).isEmpty();
        IngestProblem problem = result.problems().get(0);
        assertThat(problem.level()).isEqualTo(IngestProblem.Level.ERROR);
        assertThat(problem.line()).isPositive();
        assertThat(problem.reason()).startsWith("YAML error:");
        assertThat(List.of(problem.location())).allMatch(l -> l.startsWith("broken.yml:"));
    }
}
