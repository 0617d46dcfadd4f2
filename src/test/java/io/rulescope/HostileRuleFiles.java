package io.rulescope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule files issue 32's probe used to take the catalog down, each written beside the others into one folder:
 * quadratic memory from a many-document file, aliases of one long string, values and titles Lucene cannot index,
 * YAML bombs, deep nesting, oversized files, bytes that are not UTF-8, class-naming tags. Shared by the in-process
 * hostile-file test and the packaged jar's run on the four shared corpora.
 */
public final class HostileRuleFiles {

    /** What ingest must make of one file: its error's reason (a part of it), or how many rules it serves. */
    public record Expected(String error, int rules) {

        static Expected error(String reasonPart) {
            return new Expected(reasonPart, 0);
        }

        static Expected served(int rules) {
            return new Expected(null, rules);
        }
    }

    /** The number of documents in the many-document file; each is a good rule. */
    public static final int DOCUMENTS = 5_000;

    private HostileRuleFiles() {
    }

    public static String sigma(String id, String title, String detection) {
        return "title: " + title + "\nid: " + id + "\nstatus: test\nlogsource:\n  product: windows\ndetection:\n" + detection;
    }

    /** Writes every file into {@code dir}; answers, by file name, what ingest must make of it. */
    public static Map<String, Expected> writeTo(Path dir) throws IOException {
        Map<String, Expected> expected = new LinkedHashMap<>();
        // One file of many small documents: each rule used to keep the whole file's text, so memory grew with its square.
        StringBuilder documents = new StringBuilder();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.append(i == 0 ? "" : "---\n").append(sigma(String.format("10000000-0000-0000-0000-%012d", i), "Document " + i,
                    "  s:\n    EventID: " + i + "\n  condition: s\n"));
        }
        write(dir, "many_documents.yml", documents.toString());
        expected.put("many_documents.yml", Expected.served(DOCUMENTS));
        StringBuilder bomb = new StringBuilder("a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String previous = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(String.join(",", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        write(dir, "billion_laughs.yml", bomb.toString());
        expected.put("billion_laughs.yml", Expected.error("alias"));
        // SnakeYAML counts aliases of lists and maps only: aliases of one long string slipped past and ran ingest out of memory.
        write(dir, "scalar_alias_bomb.yml", "title: bomb\nx: &x " + "y".repeat(30_000) + "\ndetection:\n  keywords:\n"
                + "    - *x\n".repeat(20_000) + "  condition: keywords\n");
        expected.put("scalar_alias_bomb.yml", Expected.error("aliases"));
        write(dir, "scalar_alias_expansion.yml", "title: wide\nx: &x " + "y".repeat(30_000) + "\ndetection:\n  keywords:\n"
                + "    - *x\n".repeat(40) + "  condition: keywords\n");
        expected.put("scalar_alias_expansion.yml", Expected.error("expand to more than"));
        write(dir, "deep_nesting.yml", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        expected.put("deep_nesting.yml", Expected.error("nest"));
        write(dir, "two_mib.yml", "title: big\n" + ("# padding " + "x".repeat(100) + "\n").repeat(20_000));
        expected.put("two_mib.yml", Expected.error("limit"));
        Files.write(dir.resolve("invalid_utf8.yml"), new byte[] { 't', 'i', 't', 'l', 'e', ':', ' ', (byte) 0xFF, (byte) 0xFE, '\n' });
        expected.put("invalid_utf8.yml", Expected.error("not valid UTF-8"));
        write(dir, "script_engine_tag.yml", "title: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n");
        expected.put("script_engine_tag.yml", Expected.error("unsupported tag"));
        // Lucene refuses a term over 32,766 bytes: one such value used to fail the whole ingest, and every refresh.
        write(dir, "immense_value.yml", sigma("00000000-0000-0000-0000-0000000000c1", "Immense Value",
                "  s:\n    CommandLine|contains: '" + "A".repeat(40_000) + "'\n  condition: s\n"));
        expected.put("immense_value.yml", Expected.served(1));
        write(dir, "immense_title.yml", sigma("00000000-0000-0000-0000-0000000000c2", "T" + "x".repeat(40_000),
                "  s:\n    EventID: 4\n  condition: s\n"));
        expected.put("immense_title.yml", Expected.served(1));
        write(dir, "immense_has.yaml", "id: 00000000-0000-0000-0000-0000000000c3\nname: Immense Has\ndescription: a long has\nseverity: Low\n"
                + "queryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\ntactics:\n  - Execution\nquery: |\n"
                + "  SecurityEvent\n  | where CommandLine has \"" + "B".repeat(40_000) + "\"\nkind: Scheduled\n");
        expected.put("immense_has.yaml", Expected.served(1));
        return expected;
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
