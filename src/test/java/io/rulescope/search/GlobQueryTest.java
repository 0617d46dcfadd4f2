package io.rulescope.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobQueryTest {

    private static final String FIELD = "iv.process.command_line";
    /** Each document's values, for a brute-force answer to compare with. */
    private static final Map<String, List<String>> VALUES = new TreeMap<>();
    private static Directory directory;
    private static DirectoryReader reader;

    @BeforeAll
    static void index() throws IOException {
        Random random = new Random(7);
        String[] parts = { "c:\\windows\\system32\\", "cmd.exe", "powershell.exe", " -enc ", "whoami", "/c ", "rundll32",
                "comsvcs.dll", "minidump", "ab", "a", "\u00e9t\u00e9", "\\appdata\\", "?" };
        directory = new ByteBuffersDirectory();
        // Several segments, and one document deleted: matching is per segment and must honour deletions.
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig().setMaxBufferedDocs(50))) {
            for (int doc = 0; doc < 400; doc++) {
                Document d = new Document();
                d.add(new StringField("uid", "d" + doc, Field.Store.YES));
                List<String> values = VALUES.computeIfAbsent("d" + doc, k -> new ArrayList<>());
                for (int v = 0; v < 1 + random.nextInt(3); v++) {
                    StringBuilder value = new StringBuilder();
                    for (int p = 0; p < 1 + random.nextInt(4); p++) {
                        value.append(parts[random.nextInt(parts.length)]);
                    }
                    values.add(value.toString());
                    d.add(new StringField(FIELD, value.toString(), Field.Store.NO));
                }
                writer.addDocument(d);
            }
            writer.deleteDocuments(new Term("uid", "d3"));
            VALUES.remove("d3");
        }
        reader = DirectoryReader.open(directory);
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *whoami*              | c:\\windows\\system32\\whoami.exe | true
            *\\whoami.exe         | c:\\windows\\system32\\whoami.exe | true
            *\\whoami.exe         | mywhoami.exe                      | false
            whoami*               | whoami /all                       | true
            whoami*               | c:\\whoami                        | false
            *.exe                 | cmd.exe                           | true
            *.exe                 | cmd.exe.bak                       | false
            c?d.exe               | cmd.exe                           | true
            c?d.exe               | cd.exe                            | false
            *a*b*c*               | xaxbxcx                           | true
            *a*b*c*               | xaxcxbx                           | false
            *                     | ''                                | true
            ?                     | ''                                | false
            a*a*a*a*a*a*b         | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab  | true
            a*a*a*a*a*a*b         | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  | false
            **                    | anything                          | true
            cmd.exe               | cmd.exe                           | true
            cmd.exe               | cmd.exe2                          | false
            *?                    | ''                                | false
            ?*                    | x                                 | true
            *whoami?*             | whoami                            | false
            """)
    void aPatternMatchesWholeValuesWithBackslashesTakenLiterally(String pattern, String text, boolean matches) {
        assertThat(new Glob(pattern).matches(text)).isEqualTo(matches);
    }

    @Test
    void everyPatternFindsExactlyTheDocumentsLucenesOwnWildcardFinds() throws IOException {
        // Lucene's WildcardQuery reads a backslash as an escape; over values without one both must agree exactly.
        Random random = new Random(11);
        String alphabet = "acdeimosw.-*?* ";
        List<String> patterns = new ArrayList<>(List.of("*whoami*", "*cmd.exe", "powershell*", "*comsvcs.dll*minidump*", "*ab*", "*a*",
                "?", "??", "*", "*\u00e9t\u00e9*", "*.exe*.exe*"));
        for (int i = 0; i < 300; i++) {
            StringBuilder p = new StringBuilder();
            for (int c = 0; c < 1 + random.nextInt(7); c++) {
                p.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            patterns.add(p.toString());
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        for (String pattern : patterns) {
            Set<String> ours = uids(searcher, new GlobQuery(FIELD, pattern, null, null));
            Set<String> lucene = uids(searcher, new WildcardQuery(new Term(FIELD, pattern)));
            assertThat(ours).as(pattern).isEqualTo(lucene);
        }
        assertThat(uids(searcher, new GlobQuery(FIELD, "*whoami*", null, null))).isNotEmpty().doesNotContain("d3");
    }

    @Test
    void aBackslashInAPatternIsTheCharacterItself() throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (String pattern : List.of("*\\cmd.exe*", "c:\\windows\\*", "*\\appdata\\*", "*32\\?md*", "*xcmd.exe*")) {
            Set<String> expected = new TreeSet<>();
            VALUES.forEach((uid, values) -> {
                if (values.stream().anyMatch(new Glob(pattern)::matches)) {
                    expected.add(uid);
                }
            });
            assertThat(uids(searcher, new GlobQuery(FIELD, pattern, null, null))).as(pattern).isEqualTo(expected);
        }
        assertThat(uids(searcher, new GlobQuery(FIELD, "*\\cmd.exe*", null, null))).isNotEmpty();
        assertThat(uids(searcher, new GlobQuery(FIELD, "*xcmd.exe*", null, null))).isEmpty();
    }

    @Test
    void aPatternMatchingMoreValuesThanTheCapSaysItsAnswerIsCut() throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        AtomicBoolean cut = new AtomicBoolean();
        TermTable table = GlobQuery.table(reader.leaves().get(0).reader(), FIELD);
        TermTable.Match all = table.match(new Glob("*"), Integer.MAX_VALUE, null);
        TermTable.Match capped = table.match(new Glob("*"), 3, null);
        assertThat(all.cut()).isFalse();
        assertThat(all.terms()).isEqualTo(table.size());
        assertThat(capped.cut()).isTrue();
        assertThat(capped.terms()).isEqualTo(3);
        uids(searcher, new GlobQuery(FIELD, "*whoami*", null, cut));
        assertThat(cut).isFalse();
    }

    @Test
    void aSpentBudgetStopsTheMatchingAndSaysSo() throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        AtomicBoolean cut = new AtomicBoolean();
        uids(searcher, new GlobQuery(FIELD, "*", () -> true, cut));
        assertThat(cut).isTrue();
    }

    @Test
    void aRefreshedIndexReusesTheTablesOfSegmentsItCopiedAndHonoursItsNewDeletions() throws IOException {
        String victim = uids(new IndexSearcher(reader), new GlobQuery(FIELD, "*whoami*", null, null)).iterator().next();
        try (Directory copy = new ByteBuffersDirectory()) {
            // As RuleIndex.update does: the files copied, one rule deleted, a new reader over the copy.
            for (String file : directory.listAll()) {
                copy.copyFrom(directory, file, file, org.apache.lucene.store.IOContext.DEFAULT);
            }
            try (IndexWriter writer = new IndexWriter(copy, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
                writer.deleteDocuments(new Term("uid", victim));
            }
            try (DirectoryReader refreshed = DirectoryReader.open(copy)) {
                assertThat(refreshed.leaves()).hasSameSizeAs(reader.leaves());
                for (int i = 0; i < reader.leaves().size(); i++) {
                    assertThat(SegmentTables.of(refreshed.leaves().get(i).reader())).isSameAs(SegmentTables.of(reader.leaves().get(i).reader()));
                }
                Set<String> before = uids(new IndexSearcher(reader), new GlobQuery(FIELD, "*whoami*", null, null));
                Set<String> after = uids(new IndexSearcher(refreshed), new GlobQuery(FIELD, "*whoami*", null, null));
                Set<String> expected = new TreeSet<>(before);
                expected.remove(victim);
                assertThat(after).isEqualTo(expected);
            }
        }
    }

    @Test
    void closingOneIndexKeepsTheTablesAnotherOpenIndexSharesWithIt() throws IOException {
        try (Directory copy = new ByteBuffersDirectory()) {
            for (String file : directory.listAll()) {
                copy.copyFrom(directory, file, file, org.apache.lucene.store.IOContext.DEFAULT);
            }
            DirectoryReader closing = DirectoryReader.open(copy);
            SegmentTables shared = SegmentTables.of(closing.leaves().get(0).reader());
            assertThat(SegmentTables.of(reader.leaves().get(0).reader())).isSameAs(shared);

            SegmentTables.forget(closing.leaves().get(0).reader());
            closing.close();

            assertThat(SegmentTables.of(reader.leaves().get(0).reader())).isSameAs(shared);
            assertThat(uids(new IndexSearcher(reader), new GlobQuery(FIELD, "*whoami*", null, null))).isNotEmpty();
        }
    }

    private static Set<String> uids(IndexSearcher searcher, Query query) throws IOException {
        Set<String> out = new TreeSet<>();
        for (ScoreDoc hit : searcher.search(query, 10_000).scoreDocs) {
            out.add(searcher.storedFields().document(hit.doc).get("uid"));
        }
        return out;
    }
}
