package io.rulescope.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rulescope.SharedData;

/**
 * The index writes the word-delimiter graph without flattening it. That is only right while the graph's positions
 * are already what {@link FlattenGraphFilter} would make of them: these tests compare the two on text chosen to
 * stress the splitting and on every file of the shared corpora, so a change to the chain that bends the graph (a
 * multi-word synonym filter, say) fails here before it indexes wrong positions.
 */
class IndexFieldTest {

    private static final Analyzer FLATTENED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream graph = new WordDelimiterGraphFilter(source, IndexField.WORD_DELIMITER_FLAGS, null);
            return new TokenStreamComponents(source, new LowerCaseFilter(new FlattenGraphFilter(graph)));
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "C:\\Windows\\System32\\comsvcs.dll MiniDump",
        "powershell.exe -enc SQBFAFgA -nop -w hidden",
        "Invoke-WebRequest http://10.0.0.1:8080/a_b/c-d?x=1&y=2",
        "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options",
        "wmic123abc 4688 T1059.001 x86_64 -foo-- __init__ a--b 3.14.15",
        "process.parent.executable: (\"*\\\\rundll32.exe\" or \"*\\\\regsvr32.exe\") and not user.id:S-1-5-18",
        "| tstats count from datamodel=Endpoint.Processes where Processes.process_name=\"net.exe\" by Processes.dest",
        "DeviceProcessEvents | where InitiatingProcessFileName =~ \"winword.exe\" and ProcessCommandLine has_any (procs)",
        "Ünïcödé-Wörter und 日本語-テキスト mixed_with ASCII-parts",
    })
    void indexingTheGraphUnflattenedGivesTheFlattenedPositions(String text) {
        assertThat(positions(IndexField.ANALYZER, text)).isEqualTo(positions(FLATTENED, text)).isNotEmpty();
    }

    @Test
    void aSplitNameIsIndexedWholeAndInPartsAtTheSamePosition() {
        assertThat(positions(IndexField.ANALYZER, "run comsvcs.dll now"))
                .containsExactly("0:run", "1:comsvcs.dll", "1:comsvcs", "2:dll", "3:now", "end+0");
    }

    @Test
    @EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = SharedData.MISSING)
    void everySharedCorpusFileIndexesAtTheFlattenedPositions() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path corpus : List.of(SharedData.escu(), SharedData.sigma(), SharedData.sentinel(), SharedData.elastic())) {
            if (Files.isDirectory(corpus)) {
                try (Stream<Path> walk = Files.walk(corpus)) {
                    walk.filter(Files::isRegularFile).filter(f -> f.toString().matches(".*\\.(ya?ml|toml)$")).forEach(files::add);
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(5_000);
        List<Path> differing = files.parallelStream().filter(file -> {
            String text = read(file);
            return !positions(IndexField.ANALYZER, text).equals(positions(FLATTENED, text));
        }).toList();
        assertThat(differing).isEmpty();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each token as position:term, then the final position increment, the way the index writer counts them. */
    private static List<String> positions(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = tokens.addAttribute(PositionIncrementAttribute.class);
            tokens.reset();
            int position = -1;
            while (tokens.incrementToken()) {
                position += increment.getPositionIncrement();
                out.add(position + ":" + term);
            }
            tokens.end();
            out.add("end+" + increment.getPositionIncrement());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
