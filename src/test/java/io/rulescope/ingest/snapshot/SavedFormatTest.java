package io.rulescope.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rulescope.query.Expr;
import io.rulescope.query.Indicator;
import io.rulescope.query.Polarity;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;

/** What Rulescope saves for itself comes back as it was, and nothing else is read into it. */
public class SavedFormatTest {

    @TempDir
    Path folder;

    record Holder(List<QueryAnalysis> analyses) {
    }

    @Test
    void anAnalysisWithEveryVariantOfAnExpressionComesBackEqual() throws IOException {
        Expr leaf = new Expr.Leaf(new Predicate("Image", null, io.rulescope.query.Kind.ENDSWITH, "\\whoami.exe", List.of("endswith"), null));
        List<Expr> all = List.of(new Expr.And(List.of(leaf, new Expr.Term("mimikatz", "macro"))),
                new Expr.Or(List.of(new Expr.Ref("selection"), new Expr.All())), new Expr.Not(new Expr.Opaque("| lookup x", "a lookup")));
        assertThat(Expr.class.getPermittedSubclasses()).as("each variant is in this test")
                .hasSize((int) all.stream().flatMap(SavedFormatTest::variants).distinct().count());
        QueryAnalysis analysis = new QueryAnalysis(all.stream().map(e -> new StageAnalysis(1, "search", "x", e, null, null)).toList(),
                List.of(new Indicator("Image", null, "process.executable", io.rulescope.query.Kind.ENDSWITH, "\\whoami.exe",
                        Polarity.EXCLUDE, List.of("endswith"), true, 2, null)),
                List.of(new QueryAnalysis.SearchTerm(1, "mimikatz", Polarity.MATCH)), List.of("host"), List.of("a note"), List.of("logs-*"));
        Path file = folder.resolve("analyses");

        SavedFormat.write(file, new Holder(List.of(analysis, QueryAnalysis.EMPTY)));

        assertThat(SavedFormat.read(file, Holder.class).analyses()).containsExactly(analysis, QueryAnalysis.EMPTY);
    }

    private static java.util.stream.Stream<Class<?>> variants(Expr expr) {
        List<Expr> children = expr instanceof Expr.And a ? a.parts() : expr instanceof Expr.Or o ? o.parts()
                : expr instanceof Expr.Not n ? List.of(n.inner()) : List.of();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(expr.getClass()), children.stream().flatMap(SavedFormatTest::variants));
    }

    record Analyses(Map<String, QueryAnalysis> byUid) {
    }

    @Test
    void restoredListsAreImmutableAndRepeatedStringsAreOneCopy() throws IOException {
        String value = new String("powershell.exe".toCharArray());
        QueryAnalysis analysis = new QueryAnalysis(List.of(new StageAnalysis(1, "search", "x", null, null, null)), List.of(),
                List.of(new QueryAnalysis.SearchTerm(1, value, Polarity.MATCH)), List.of("host"), List.of(), List.of());
        Path file = folder.resolve("analyses");
        SavedFormat.write(file, new Analyses(Map.of("a", analysis, "b", analysis)));

        Map<String, QueryAnalysis> back = SavedFormat.read(file, Analyses.class).byUid();

        assertThat(back.get("a")).isEqualTo(analysis);
        assertThat(back.get("a").searchTerms().get(0).term()).isSameAs(back.get("b").searchTerms().get(0).term());
        assertThatThrownBy(() -> back.get("a").groupBy().add("more")).isInstanceOf(UnsupportedOperationException.class);
    }

    record Other(String name, List<String> command) {
    }

    @Test
    void aFileOfAnotherShapeIsRefusedRatherThanReadInPart() throws IOException {
        Path file = folder.resolve("other");
        SavedFormat.write(file, new Other("x", List.of("touch", "/tmp/x")));

        assertThatThrownBy(() -> SavedFormat.read(file, Holder.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a saved Holder").hasMessageContaining("name");
    }

    @Test
    void anExpressionOfAnUnknownKindIsRefused() throws Exception {
        Path file = folder.resolve("foreign");
        SavedFormat.write(file, new Holder(List.of(new QueryAnalysis(List.of(new StageAnalysis(1, "search", "x", new Expr.Ref("sel"), null, null)),
                List.of(), List.of(), List.of(), List.of(), List.of()))));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        // Same length, so only the digest and the name differ: re-sign it as a planter would.
        byte[] body = text.substring(SavedFormat.HEADER_BYTES).replace("Ref", "Rex").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(file, withHeader(body));

        assertThatThrownBy(() -> SavedFormat.read(file, Holder.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("an expression of unknown kind Rex");
    }

    @Test
    void aFileWithoutTheHeaderIsRefusedBeforeItsBodyIsRead() throws IOException {
        Path file = folder.resolve("plain");
        Files.writeString(file, "{\"expressions\": []}");

        assertThatThrownBy(() -> SavedFormat.read(file, Holder.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a file this build saved");
    }

    record AllAnalyses(java.util.HashMap<String, QueryAnalysis> byUid) {
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = io.rulescope.SharedData.MISSING)
    void everyAnalysisOfTheSharedCorporaComesBackEqual() throws IOException {
        java.util.HashMap<String, QueryAnalysis> analyses = new java.util.HashMap<>();
        for (io.rulescope.catalog.Catalog catalog : List.of(io.rulescope.SharedCatalogs.escuAndSigma(), io.rulescope.SharedCatalogs.sentinel(),
                io.rulescope.SharedCatalogs.elastic())) {
            for (io.rulescope.rule.Rule rule : catalog.rules().all()) {
                analyses.put(rule.getUid(), catalog.indicators().analysisOf(rule));
            }
        }
        Path file = folder.resolve("all");

        SavedFormat.write(file, new AllAnalyses(analyses));

        assertThat(analyses).hasSizeGreaterThan(5_000);
        assertThat(SavedFormat.read(file, AllAnalyses.class).byUid()).isEqualTo(analyses);
    }

    /** A file in the saved form, header and all, around any body (the header as SavedFormat documents it). */
    public static byte[] withHeader(byte[] body) throws Exception {
        String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        byte[] header = String.format("%s\n%s %019d\n", SavedFormat.MAGIC, hex, body.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] file = java.util.Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, file, header.length, body.length);
        return file;
    }

}
