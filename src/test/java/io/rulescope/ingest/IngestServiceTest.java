package io.rulescope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.catalog.IngestReport;
import io.rulescope.history.RuleHistories;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.build.IngestPipeline;
import io.rulescope.ingest.build.IngestRun;
import io.rulescope.ingest.read.FileResult;
import io.rulescope.ingest.read.YamlReader;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.setup.IngestThreads;
import io.rulescope.ingest.snapshot.CatalogSnapshots;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.rule.Rule;
import io.rulescope.search.RuleIndex;

/** The whole ingest pipeline over a directory where good rules sit beside broken and hostile files. */
class IngestServiceTest {

    @TempDir
    static Path root;

    static final AttackCatalog ATTACK = AttackCatalog.load(null);
    static final IndicatorAnalysis NO_TAXONOMY = new IndicatorAnalysis(io.rulescope.query.FieldTaxonomy.NONE,
            new io.rulescope.indicator.EventTables(Map.of(), Map.of()));
    static Catalog catalog;
    static IngestReport report;

    static String sigma(String id, String title) {
        return "title: " + title + "\nid: " + id + "\nlogsource:\n  product: windows\ndetection:\n  s:\n    EventID: 1\n  condition: s\n";
    }

    @BeforeAll
    static void ingestAMixedDirectory() throws Exception {
        Path a = Files.createDirectories(root.resolve("a"));
        Path b = Files.createDirectories(root.resolve("b"));
        Files.writeString(a.resolve("good_one.yml"), sigma("11111111-1111-1111-1111-111111111111", "Good One"));
        Files.writeString(a.resolve("good_two.yaml"), sigma("22222222-2222-2222-2222-222222222222", "Good Two"));
        Files.writeString(b.resolve("fork_of_one.yml"), sigma("11111111-1111-1111-1111-111111111111", "Good One (fork)"));
        Files.writeString(a.resolve("broken.yml"), "title: Broken\ndetection:\n  s: [1, 2\n");
        Files.writeString(a.resolve("empty.yml"), "");
        Files.writeString(a.resolve("comments_only.yml"), "# nothing here\n---\n");
        Files.write(a.resolve("latin1.yml"), "title: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(a.resolve("readme.yml"), "just: config\n");
        Files.writeString(a.resolve("notes.txt"), "not yaml at all");
        Files.createDirectories(a.resolve("dir.yml"));
        Files.createSymbolicLink(a.resolve("loop"), a);
        Files.createSymbolicLink(a.resolve("outside"), root.getParent());

        IngestProperties properties = new IngestProperties(List.of("a=" + a, "b=" + b), 1 << 20, 2, Map.of(), "");
        Ingest ingest = ingestInto(properties, ATTACK, NO_TAXONOMY);
        ingest.service().ingest();
        assertThat(ingest.service().awaitDone(Duration.ofSeconds(30))).isTrue();
        catalog = ingest.catalog();
        report = ingest.service().report();
    }

    private static Optional<IngestProblem> problem(String path) {
        return report.problems().stream().filter(p -> p.path().equals(path)).findFirst();
    }

    @Test
    void everyGoodRuleIsIngestedDespiteTheBrokenFilesBesideIt() {
        assertThat(report.state()).isEqualTo(IngestReport.State.READY);
        assertThat(catalog.rules().all()).extracting(Rule::getTitle).containsExactlyInAnyOrder("Good One", "Good Two", "Good One (fork)");
        assertThat(catalog.index().size()).isEqualTo(3);
        assertThat(report.totals().rules()).isEqualTo(3);
    }

    @Test
    void eachBadFileIsReportedWithAReasonAPersonUnderstands() {
        assertThat(problem("broken.yml")).hasValueSatisfying(p -> {
            assertThat(p.level()).isEqualTo(IngestProblem.Level.ERROR);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.reason()).startsWith("YAML error");
        });
        assertThat(problem("empty.yml")).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo("empty file"));
        assertThat(problem("latin1.yml")).hasValueSatisfying(p -> assertThat(p.reason()).contains("not valid UTF-8"));
        assertThat(problem("comments_only.yml")).hasValueSatisfying(p -> assertThat(p.reason()).contains("no YAML document"));
        assertThat(problem("readme.yml")).hasValueSatisfying(p -> {
            assertThat(p.level()).isEqualTo(IngestProblem.Level.SKIPPED);
            assertThat(p.reason()).isEqualTo("not a rule");
        });
        assertThat(problem("dir.yml")).isEmpty();
        assertThat(report.problems()).noneMatch(p -> p.path().contains("notes.txt"));
    }

    @Test
    void symbolicLinksNeverLoopOrLeaveTheSource() {
        assertThat(report.problems()).anyMatch(p -> p.path().equals("outside") && p.reason().contains("outside the source"));
        assertThat(problem("loop")).hasValueSatisfying(p -> {
            assertThat(p.level()).isEqualTo(IngestProblem.Level.SKIPPED);
            assertThat(p.reason()).isEqualTo("symbolic link loop; not followed");
        });
        assertThat(catalog.rules().all()).noneMatch(r -> r.getSourcePath().startsWith("loop/") || r.getSourcePath().startsWith("outside/"));
    }

    @Test
    void anIdUsedInTwoSourcesIsAWarningThatNamesTheOtherFile() {
        assertThat(report.problems()).filteredOn(p -> p.reason().startsWith("duplicate id"))
                .extracting(IngestProblem::level, IngestProblem::source, IngestProblem::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(IngestProblem.Level.WARNING, "a",
                                "duplicate id '11111111-1111-1111-1111-111111111111' is also used by b:fork_of_one.yml; its permalink lists all of them"),
                        org.assertj.core.groups.Tuple.tuple(IngestProblem.Level.WARNING, "b",
                                "duplicate id '11111111-1111-1111-1111-111111111111' is also used by a:good_one.yml; its permalink lists all of them"));
    }

    @Test
    void theReportCountsFilesRulesSkipsAndErrorsAndTimesEachPhase() {
        assertThat(report.problems()).filteredOn(p -> p.level() == IngestProblem.Level.ERROR)
                .extracting(IngestProblem::path).containsExactlyInAnyOrder("broken.yml", "empty.yml", "latin1.yml");
        assertThat(report.totals().errors()).isEqualTo(3);
        assertThat(report.totals().skipped()).isEqualTo(2);
        List<String> always = List.of("scan", "read", "content hash", "parse", "map", "query analysis", "corpus counts", "compact", "index", "matcher");
        // "merge" only when the indexing threads left more than one segment, which depends on how they were scheduled.
        assertThat(report.phaseMillis().keySet()).containsAll(always)
                .isSubsetOf(java.util.stream.Stream.concat(always.stream(), java.util.stream.Stream.of("merge")).toList());
        assertThat(report.sources()).extracting(IngestReport.SourceSummary::name).containsExactly("a", "b");
    }

    @Test
    void aFileThatDisappearsBetweenScanAndReadIsReportedAndNothingElseIsLost() throws Exception {
        Path file = Files.writeString(root.resolve("vanishing.yml"), sigma("33333333-3333-3333-3333-333333333333", "Vanishing"));
        Source source = new Source("a", root, null, "a");
        SourceFile scanned = new SourceFile(source, "vanishing.yml", Files.size(file), () -> Files.readAllBytes(file));
        Files.delete(file);
        FileResult result;
        try (IngestThreads threads = new IngestThreads(1)) {
            IngestPipeline pipeline = new IngestPipeline(new IngestProperties(List.of(), 1 << 20, 1, Map.of(), ""), ATTACK,
                    NO_TAXONOMY, new RuleIndex(ATTACK), new CatalogSnapshots(null), threads);
            result = pipeline.readAndParse(scanned, new YamlReader(1 << 20), new IngestRun("t", "test"));
        }

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.level()).isEqualTo(IngestProblem.Level.ERROR);
            assertThat(p.reason()).startsWith("the file disappeared between the scan and the read");
        });
    }

    @Test
    void aSourceThatYieldsNoRuleIsAWarningNotASilentSuccess(@TempDir Path elsewhere) throws Exception {
        Path empty = Files.createDirectories(elsewhere.resolve("typo"));
        Files.writeString(Files.createDirectories(elsewhere.resolve("good")).resolve("one.yml"), sigma("33333333-3333-3333-3333-333333333333", "One"));
        Ingest ingest = ingestInto(new IngestProperties(List.of("good=" + elsewhere.resolve("good"), "typo=" + empty),
                1 << 20, 2, Map.of(), ""), ATTACK, NO_TAXONOMY);
        ingest.service().ingest();
        assertThat(ingest.service().awaitDone(Duration.ofSeconds(30))).isTrue();

        assertThat(ingest.service().report().problems()).filteredOn(p -> p.level() == IngestProblem.Level.WARNING)
                .singleElement().satisfies(p -> {
                    assertThat(p.source()).isEqualTo("typo");
                    assertThat(p.reason()).startsWith("no rule files found");
                });
    }

    /** An ingest service over its own catalog holder, as tools build it. */
    record Ingest(IngestService service, CatalogHolder catalogs, RuleHistories histories) {

        Catalog catalog() {
            return catalogs.peek();
        }
    }

    static Ingest ingestInto(IngestProperties properties, AttackCatalog attack, IndicatorAnalysis analysis) {
        return ingestInto(properties, attack, analysis, new RuleHistories());
    }

    static Ingest ingestInto(IngestProperties properties, AttackCatalog attack, IndicatorAnalysis analysis, RuleHistories histories) {
        CatalogHolder catalogs = new CatalogHolder();
        IngestService ingest = new IngestService(properties, new RuleIndex(attack), attack, analysis, catalogs, histories);
        return new Ingest(ingest, catalogs, histories);
    }
}
