package io.rulescope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.read.SupportingData;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.snapshot.CatalogSnapshots;
import io.rulescope.ingest.snapshot.SavedFormatTest;
import io.rulescope.rule.Rule;

/** A restart over the same content and build restores the saved catalog; anything else reads the sources again. */
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class CatalogSnapshotsTest {

    static final AttackCatalog ATTACK = AttackCatalog.load(null);

    @TempDir
    Path root;

    Path rules;
    Path snapshots;

    @BeforeEach
    void aSourceWithGoodAndBrokenFiles() throws IOException {
        rules = Files.createDirectories(root.resolve("rules"));
        snapshots = root.resolve("snapshots");
        Files.writeString(rules.resolve("one.yml"), IngestServiceTest.sigma("11111111-1111-1111-1111-111111111111", "One")
                .replace("EventID: 1", "Image|endswith: '\\whoami.exe'"));
        Files.writeString(rules.resolve("two.yml"), IngestServiceTest.sigma("22222222-2222-2222-2222-222222222222", "Two"));
        Files.writeString(rules.resolve("broken.yml"), "title: Broken\ndetection:\n  s: [1, 2\n");
    }

    /** One start of the application: a fresh catalog, as after a restart. */
    private record Start(IngestReport report, List<Rule> stored, Catalog catalog) {
    }

    private Start start() throws InterruptedException {
        IngestProperties properties = new IngestProperties(List.of("src=" + rules), 1 << 20, 2, Map.of(), snapshots.toString());
        IngestServiceTest.Ingest ingest = IngestServiceTest.ingestInto(properties, ATTACK, IngestServiceTest.NO_TAXONOMY);
        ingest.service().ingest();
        return new Start(ingest.service().report(), ingest.catalog().rules().all(), ingest.catalog());
    }

    @Test
    void aRestartOverUnchangedContentRestoresTheSameCatalogWithoutReadingIt() throws Exception {
        Start cold = start();
        Start warm = start();

        assertThat(cold.report().phaseMillis()).containsKey("parse").doesNotContainKey("snapshot restore");
        assertThat(warm.report().phaseMillis()).containsKey("snapshot restore").doesNotContainKey("parse");
        assertThat(warm.stored()).extracting(Rule::getUid).containsExactlyInAnyOrderElementsOf(
                cold.stored().stream().map(Rule::getUid).toList());
        assertThat(warm.report().totals().rules()).isEqualTo(2);
        assertThat(warm.report().problems()).isEqualTo(cold.report().problems())
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("broken.yml"));
        assertThat(warm.catalog().index().size()).isEqualTo(2);
        assertThat(warm.catalog().indicators().distinctIndicators()).isEqualTo(cold.catalog().indicators().distinctIndicators()).isPositive();
    }

    @Test
    void changingOneByteOfOneFileMeansTheSourcesAreReadAgain() throws Exception {
        start();
        Files.writeString(rules.resolve("two.yml"), IngestServiceTest.sigma("22222222-2222-2222-2222-222222222222", "Twp"));

        Start after = start();

        assertThat(after.report().phaseMillis()).containsKey("parse").doesNotContainKey("snapshot restore");
        assertThat(after.stored()).extracting(Rule::getTitle).contains("Twp");
    }

    @Test
    void onlyTheNewestFewSnapshotsAreKeptAndNothingElseInTheFolderIsTouched() throws Exception {
        Files.createDirectories(snapshots.resolve("a user's folder"));
        Files.writeString(snapshots.resolve("a user's folder").resolve("notes.txt"), "mine");
        Files.writeString(snapshots.resolve("report.pdf"), "also mine");
        Files.createDirectories(snapshots.resolve("0123456789abcdef0123456789abcdef"));
        for (int i = 0; i < CatalogSnapshots.KEPT + 2; i++) {
            Files.writeString(rules.resolve("extra.yml"), IngestServiceTest.sigma("33333333-3333-3333-3333-33333333333" + i, "Extra " + i));
            start();
        }

        try (Stream<Path> saved = Files.list(snapshots)) {
            assertThat(saved.map(p -> p.getFileName().toString()).toList())
                    .contains("a user's folder", "report.pdf", "0123456789abcdef0123456789abcdef")
                    .filteredOn(name -> name.startsWith(CatalogSnapshots.PREFIX)).hasSize(CatalogSnapshots.KEPT);
        }
        assertThat(snapshots.resolve("a user's folder").resolve("notes.txt")).hasContent("mine");
        assertThat(snapshots.resolve("report.pdf")).hasContent("also mine");
    }

    @Test
    void aSnapshotSavedByAnotherInstanceForOtherContentSurvivesThisOnesSave() throws Exception {
        start();
        String theirs;
        try (Stream<Path> saved = Files.list(snapshots)) {
            theirs = saved.findFirst().orElseThrow().getFileName().toString();
        }
        Files.writeString(rules.resolve("three.yml"), IngestServiceTest.sigma("33333333-3333-3333-3333-333333333333", "Three"));
        start();
        Files.delete(rules.resolve("three.yml"));

        Start again = start();

        assertThat(snapshots.resolve(theirs)).isDirectory();
        assertThat(again.report().phaseMillis()).containsKey("snapshot restore");
    }

    @Test
    void replicasSharingTheFolderEachDeleteOnlyTheSnapshotsTheyWrote() throws Exception {
        io.rulescope.attack.AttackCatalog attack = io.rulescope.attack.AttackCatalog.load(null);
        io.rulescope.rule.Rule rule = new io.rulescope.rule.Rule("u1", "id-1", false, "One", io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setSource("src", "one.yml", null, 0);
        io.rulescope.search.RuleIndex.Built index = new io.rulescope.search.RuleIndex(attack).build(List.of(rule),
                r -> io.rulescope.query.QueryAnalysis.EMPTY);
        CatalogSnapshots.Saved saved = new CatalogSnapshots.Saved(List.of(rule),
                new CatalogSnapshots.Analysis(Map.of(), new SupportingData(), List.of(), 0));
        CatalogSnapshots a = new CatalogSnapshots(snapshots, "replica a");
        CatalogSnapshots b = new CatalogSnapshots(snapshots, "replica b");
        assertThat(a.enabled()).as("the build has build-info").isTrue();

        for (int i = 0; i < CatalogSnapshots.KEPT; i++) {
            b.save("b" + i, saved, index);
            Thread.sleep(20);
        }
        for (int i = 0; i < CatalogSnapshots.KEPT + 2; i++) {
            a.save("a" + i, saved, index);
            Thread.sleep(20);
        }

        try (Stream<Path> names = Files.list(snapshots)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    CatalogSnapshots.PREFIX + "b0", CatalogSnapshots.PREFIX + "b1", CatalogSnapshots.PREFIX + "b2",
                    CatalogSnapshots.PREFIX + "a2", CatalogSnapshots.PREFIX + "a3", CatalogSnapshots.PREFIX + "a4");
        }
    }

    /** The attack on Java serialisation: sets nested 48 deep, whose hash codes take longer than the universe. */
    private static byte[] nestedSets() throws IOException {
        java.util.Set<Object> root = new java.util.HashSet<>();
        java.util.Set<Object> s1 = root;
        java.util.Set<Object> s2 = new java.util.HashSet<>();
        for (int i = 0; i < 48; i++) {
            java.util.Set<Object> t1 = new java.util.HashSet<>();
            java.util.Set<Object> t2 = new java.util.HashSet<>();
            t1.add("a" + i);
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(root);
        }
        return bytes.toByteArray();
    }

    private Path savedSnapshot() throws IOException {
        try (Stream<Path> saved = Files.list(snapshots)) {
            return saved.filter(p -> p.getFileName().toString().startsWith(CatalogSnapshots.PREFIX)).findFirst().orElseThrow();
        }
    }

    private void assertTheSourcesAreReadInstead(CapturedOutput output, String reason) throws Exception {
        Start after = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), this::start);

        assertThat(after.report().state()).isEqualTo(IngestReport.State.READY);
        assertThat(after.report().phaseMillis()).containsKey("parse").doesNotContainKey("snapshot restore");
        assertThat(after.stored()).extracting(Rule::getTitle).containsExactlyInAnyOrder("One", "Two");
        assertThat(after.catalog().index().size()).isEqualTo(2);
        assertThat(output.getOut() + output.getErr()).contains("Ignoring catalog snapshot").contains(reason);
    }

    @ParameterizedTest(name = "nested sets planted as {0} are ignored with a warning")
    @ValueSource(strings = { "rules.smile", "analysis.smile" })
    void aPlantedJavaSerialisationAttackIsIgnoredWithAWarningAndTheSourcesAreRead(String part, CapturedOutput output) throws Exception {
        start();
        Files.write(savedSnapshot().resolve(part), nestedSets());

        assertTheSourcesAreReadInstead(output, "it is not a file this build saved");
    }

    @Test
    void aPlantedFileWithAValidDigestThatNamesAnotherTypeIsIgnored(CapturedOutput output) throws Exception {
        start();
        byte[] body = tools.jackson.dataformat.smile.SmileMapper.shared().writeValueAsBytes(
                Map.of("rules", List.of(Map.of("@class", "java.lang.ProcessBuilder", "command", List.of("touch", "/tmp/pwned")))));
        Files.write(savedSnapshot().resolve("rules.smile"), SavedFormatTest.withHeader(body));

        assertTheSourcesAreReadInstead(output, "it is not a saved SavedRules of this build");
    }

    @Test
    void aPlantedExpressionNestedAThousandDeepIsRefusedAtTheDepthLimit(CapturedOutput output) throws Exception {
        start();
        List<Object> expression = List.of("All");
        for (int i = 0; i < 1_000; i++) {
            expression = List.of("Not", expression);
        }
        List<Object> stage = java.util.Arrays.asList(1, "search", "x", expression, null, null, 0);
        List<Object> analysis = List.of(List.of(stage), List.of(), List.of(), List.of(), List.of(), List.of());
        Map<String, Object> saved = Map.of("analyses", Map.of("u1", analysis), "support",
                Map.of("macros", Map.of(), "texts", Map.of()), "problems", List.of(), "skipped", 0);
        tools.jackson.dataformat.smile.SmileMapper deep = tools.jackson.dataformat.smile.SmileMapper.builder(
                tools.jackson.dataformat.smile.SmileFactory.builder().streamWriteConstraints(
                        tools.jackson.core.StreamWriteConstraints.builder().maxNestingDepth(100_000).build()).build()).build();
        Files.write(savedSnapshot().resolve("analysis.smile"), SavedFormatTest.withHeader(deep.writeValueAsBytes(saved)));

        assertTheSourcesAreReadInstead(output, "nesting depth");
    }

    @Test
    void aSnapshotWhoseIndexWasAlteredIsIgnored(CapturedOutput output) throws Exception {
        start();
        Path index = savedSnapshot().resolve("index");
        Path file;
        try (Stream<Path> files = Files.list(index)) {
            file = files.filter(p -> p.getFileName().toString().endsWith(".si")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);

        assertTheSourcesAreReadInstead(output, "does not match its digest");
    }

    @Test
    void aSnapshotWhoseRulesWereAlteredByOneByteIsIgnored(CapturedOutput output) throws Exception {
        start();
        Path rulesFile = savedSnapshot().resolve("rules.smile");
        byte[] bytes = Files.readAllBytes(rulesFile);
        bytes[bytes.length - 10] ^= 1;
        Files.write(rulesFile, bytes);

        assertTheSourcesAreReadInstead(output, "does not match its digest");
    }

    @ParameterizedTest(name = "a truncated {0} is ignored and the sources are read")
    @ValueSource(strings = { "rules.smile", "analysis.smile" })
    void aTruncatedSnapshotIsIgnoredAndTheSourcesAreRead(String part, CapturedOutput output) throws Exception {
        start();
        Path file = savedSnapshot().resolve(part);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertTheSourcesAreReadInstead(output, "was it cut short?");
    }
}
