package io.rulescope.dialect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The shared Elastic corpus (1,335 TOML files of elastic/detection-rules), ingested and taken apart. */
@EnabledIf(value = "io.rulescope.SharedData#elasticPresent", disabledReason = "../shared/corpus/elastic is absent")
class ElasticCorpusTest {

    private static Catalog catalog() {
        return SharedCatalogs.elastic();
    }

    @Test
    void everyTomlFileBecomesARuleWithZeroErrors() throws IOException {
        long files;
        try (Stream<Path> walk = Files.walk(SharedData.elastic().resolve("rules"))) {
            files = walk.filter(f -> f.toString().endsWith(".toml")).count();
        }
        Catalog catalog = catalog();

        assertThat(catalog.report().problems()).filteredOn(p -> p.level() == IngestProblem.Level.ERROR).isEmpty();
        assertThat(catalog.report().problems()).noneMatch(p -> p.reason().startsWith("query not analysed"));
        assertThat(catalog.rules().size()).isEqualTo(files);
        Map<String, Long> languages = catalog.rules().all().stream().collect(Collectors.groupingBy(Rule::getLanguage, TreeMap::new, Collectors.counting()));
        assertThat(languages).containsOnlyKeys("eql", "esql", "kuery", "lucene", "machine_learning");
        assertThat(catalog.rules().all()).allSatisfy(r -> assertThat(r.getPlatform()).isEqualTo("Elastic"));
    }

    @Test
    void everyQuerySplitsIntoStagesThatAreTheWholeQuery() {
        for (Rule rule : catalog().rules().all()) {
            ElasticLanguage dialect = ElasticLanguage.of(rule.getLanguage());
            if (dialect == null) {
                continue;
            }
            QueryAnalysis a = catalog().indicators().analysisOf(rule);
            String rejoined = a.stages().stream().map(StageAnalysis::text).map(t -> tokens(t, dialect)).collect(Collectors.joining());

            assertThat(rejoined).as(rule.getSourcePath()).isEqualTo(tokens(rule.getQuery(), dialect));
        }
    }

    /** The query's tokens as written, without the space and comments between them. */
    private static String tokens(String query, ElasticLanguage dialect) {
        return ElasticTokenizer.tokenize(query, dialect).stream().map(t -> query.substring(t.start(), t.end())).collect(Collectors.joining());
    }

    @Test
    void nearlyEveryQueryIsFullyAnalysedAndEveryGapIsNamed() {
        Map<String, int[]> byLanguage = new TreeMap<>();
        for (Rule rule : catalog().rules().all()) {
            QueryAnalysis a = catalog().indicators().analysisOf(rule);
            int[] counts = byLanguage.computeIfAbsent(rule.getLanguage(), k -> new int[2]);
            counts[1]++;
            if (!a.indicators().isEmpty() && a.notes().isEmpty()) {
                counts[0]++;
            }
            assertThat(a.notes()).allSatisfy(n -> assertThat(n).matches("stage \\d+: partly not analysed: .+"));
        }
        // When written: eql 875/898, esql 89/109, kuery 282/282, lucene 1/1.
        assertThat(byLanguage.get("eql")[0]).isGreaterThan(byLanguage.get("eql")[1] * 95 / 100);
        assertThat(byLanguage.get("kuery")[0]).isGreaterThan(byLanguage.get("kuery")[1] * 98 / 100);
        assertThat(byLanguage.get("esql")[0]).isGreaterThan(byLanguage.get("esql")[1] * 75 / 100);
    }

    @Test
    void theOutlookComSequenceReadsAsAPersonReadsIt() {
        Rule rule = catalog().rules().withId("1dee0500-4aeb-44ca-b24b-4a285d7b6ba1").get(0);
        QueryAnalysis a = catalog().indicators().analysisOf(rule);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("sequence", "process", "process");
        assertThat(a.groupBy()).containsExactly("process.entity_id", "process.Ext.effective_parent.entity_id");
        assertThat(ElasticAnalyzerGoldenTest.indicators(a)).contains(
                "process.name eq rundll32.exe match", "process.name eq cscript.exe match",
                "process.executable wildcard ?:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe exclude",
                "user.id eq S-1-5-18 exclude [cased]",
                "process.name eq OUTLOOK.EXE match",
                "process.Ext.effective_parent.name exists match");
        assertThat(rule.getTechniqueIds()).containsExactly("T1114", "T1114.001", "T1559", "T1559.001");
        assertThat(rule.getInvestigationGuide()).contains("### Possible investigation steps");
    }

    @Test
    void machineLearningRulesAreCountedAndSayWhyTheyHaveNoAnatomy() {
        List<Rule> ml = catalog().rules().all().stream().filter(r -> "machine_learning".equals(r.getLanguage())).toList();

        assertThat(ml).hasSize(45);
        assertThat(ml).allSatisfy(r -> {
            assertThat(r.getSchedule()).contains("machine learning job");
            assertThat(catalog().indicators().anatomy(r).unsupported()).startsWith("An Elastic machine learning rule has no query");
        });
    }
}
