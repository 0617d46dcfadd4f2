package io.rulescope.dialect.kql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The shared Microsoft Sentinel corpus (434 files of Azure/Azure-Sentinel's Detections tree), ingested and taken apart. */
@EnabledIf(value = "io.rulescope.SharedData#sentinelPresent", disabledReason = "../shared/corpus/sentinel is absent")
class SentinelCorpusTest {

    private static Catalog catalog() {
        return SharedCatalogs.sentinel();
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SharedData.sentinel())) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList();
        }
    }

    @Test
    void everyFileIsARuleOrASkippedStubThatSaysWhereTheRuleMoved() throws IOException {
        Catalog catalog = catalog();
        List<IngestProblem> skipped = catalog.report().problems().stream().filter(p -> p.level() == IngestProblem.Level.SKIPPED).toList();

        assertThat(catalog.report().problems()).filteredOn(p -> p.level() == IngestProblem.Level.ERROR).isEmpty();
        assertThat(catalog.rules().size() + skipped.size()).isEqualTo(yamlFiles().size());
        assertThat(skipped).isNotEmpty().allSatisfy(p -> assertThat(p.reason()).startsWith("moved:").contains("https://github.com/Azure/Azure-Sentinel/"));
        assertThat(catalog.rules().all()).allSatisfy(r -> {
            assertThat(r.getPlatform()).isEqualTo("Microsoft Sentinel");
            assertThat(r.getLanguage()).isEqualTo("kql");
            assertThat(r.getQuery()).isNotBlank();
        });
        assertThat(catalog.report().problems()).noneMatch(p -> p.reason().startsWith("query not analysed"));
    }

    @Test
    void everyRealQuerySplitsIntoStagesThatAreTheWholeQuery() {
        for (Rule rule : catalog().rules().all()) {
            KqlScript script = KqlScript.parse(rule.getQuery());

            assertThat(KqlScriptPropertyTest.rejoined(script)).as(rule.getSourcePath())
                    .isEqualTo(KqlScriptPropertyTest.withoutCommentsAndSpace(rule.getQuery()));
        }
    }

    @Test
    void mostQueriesAreFullyAnalysedAndEveryGapIsNamed() {
        int full = 0;
        for (Rule rule : catalog().rules().all()) {
            QueryAnalysis a = catalog().indicators().analysisOf(rule);
            if (!a.indicators().isEmpty() && a.notes().isEmpty()) {
                full++;
            }
            assertThat(a.notes()).allSatisfy(n -> assertThat(n).matches("stage \\d+: partly not analysed: .+"));
        }
        // 371 of 426 when this was written; the rest use functions or arithmetic in their filters.
        assertThat(full).isGreaterThan(catalog().rules().size() * 85 / 100);
    }

    @Test
    void aServiceInstallationRuleReadsAsAPersonReadsIt() {
        Rule rule = catalog().rules().all().stream().filter(r -> r.getSourcePath().endsWith("CredentialDumpingServiceInstallation.yaml"))
                .findFirst().orElseThrow();
        QueryAnalysis a = catalog().indicators().analysisOf(rule);

        assertThat(a.stages()).extracting(s -> s.command()).containsExactly("let", "table", "where", "parse", "where", "parse", "summarize");
        assertThat(a.indicators()).extracting(i -> i.field() + " " + i.kind().label() + " " + i.value()).containsExactly(
                "Source eq Service Control Manager", "EventID eq 7045",
                "ServiceName contains fgexec", "ServiceName contains cachedump", "ServiceName contains mimikatz",
                "ServiceName contains mimidrv", "ServiceName contains wceservice", "ServiceName contains pwdump",
                "ImagePath contains fgexec", "ImagePath contains cachedump", "ImagePath contains mimikatz",
                "ImagePath contains mimidrv", "ImagePath contains wceservice", "ImagePath contains pwdump");
        assertThat(a.groupBy()).containsExactly("EventID", "Computer", "ServiceName", "ImagePath", "AccountName");
        assertThat(rule.getTechniqueIds()).isNotEmpty();
        assertThat(rule.getSchedule()).isEqualTo("every 1h over the last 1h; alerts when results > 0");
        assertThat(catalog().indicators().anatomy(rule).eventCoverage()).extracting(e -> e.provider() + " " + e.event())
                .contains("Sentinel table Event");
    }

    @Test
    void aSecurityEventRuleCoversTheSecurityEventItFilters() {
        Rule rule = catalog().rules().all().stream()
                .filter(r -> r.getQuery().contains("SecurityEvent") && r.getQuery().contains("EventID == 4688"))
                .findFirst().orElseThrow();

        assertThat(catalog().indicators().anatomy(rule).eventCoverage()).extracting(e -> e.provider() + " " + e.event())
                .contains("Security Event ID 4688", "Sentinel table SecurityEvent");
    }
}
