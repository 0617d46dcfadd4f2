package io.rulescope.dialect.spl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.rulescope.query.QueryTooLargeException;
import io.rulescope.query.parse.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = PipelineTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> commands(String search) {
        return Pipeline.parse(search).stages().stream().map(Stage::command).toList();
    }

    @Test
    void seed000SplitsIntoTheSevenStagesTheSeedPageShows() throws IOException {
        Pipeline pipeline = Pipeline.parse(fixture("seed_000_aws_exfiltration_via_batch_service.spl"));

        assertThat(pipeline.stages()).extracting(Stage::command)
                .containsExactly("search", "fillnull", "rename", "stats", "search", "search", "search");
        assertThat(pipeline.stages().get(0).text()).isEqualTo("`cloudtrail` eventName = JobCreated");
        assertThat(pipeline.stages().get(2).text()).isEqualTo("| rename user_name as user");
        assertThat(pipeline.stages().get(6).text()).isEqualTo("| `aws_exfiltration_via_batch_service_filter`");
    }

    @Test
    void seed000GroupsByTheFieldsAfterBy() throws IOException {
        assertThat(Pipeline.parse(fixture("seed_000_aws_exfiltration_via_batch_service.spl")).groupBy())
                .containsExactly("signature", "dest", "user", "user_agent", "src", "vendor_account", "vendor_region", "vendor_product");
    }

    @Test
    void seed001FoldsBinIntoBucketAndGroupsByTimeAndHost() throws IOException {
        Pipeline pipeline = Pipeline.parse(fixture("seed_001_data_exfiltration_via_aws_cli.spl"));

        assertThat(pipeline.stages()).extracting(Stage::command).containsExactly("search", "table", "bucket", "stats");
        assertThat(pipeline.groupBy()).containsExactly("_time", "host");
    }

    @Test
    void tstatsGroupBySkipsOptionsWrittenAsNameEqualsValue() {
        String search = "| tstats count from datamodel=Endpoint.Processes where Processes.process_name IN (\"a.exe\", \"b.exe\")"
                + " (Processes.process=\"* -enc *\" OR Processes.process=\"*x*\") by Processes.dest _time span=1h Processes.user"
                + " | `drop_dm_object_name(Processes)`";

        Pipeline pipeline = Pipeline.parse(search);

        assertThat(pipeline.stages()).extracting(Stage::command).containsExactly("tstats", "search");
        assertThat(pipeline.groupBy()).containsExactly("Processes.dest", "_time", "Processes.user");
    }

    @ParameterizedTest(name = "a pipe inside {0} does not split the stage")
    @CsvSource(delimiter = ';', textBlock = """
            a double-quoted string;   search x="a|b" | stats count;               2
            an escaped quote;         search x="say \\"a|b\\" now" | stats count; 2
            a macro;                  `m(a|b)` x=1 | stats count;                  2
            a subsearch;              search [ search y=1 | fields y ] | stats c;  2
            parentheses;              eval z=if(a==\"|\",1,0) | stats count;       2
            a comment;                search x ```a | b``` | stats count;          2
            single-quoted field;      eval z='a|b' | stats count;                  2
            """)
    void pipesInsideNestedConstructsDoNotSplit(String where, String search, int stages) {
        assertThat(Pipeline.parse(search).stages()).as(where).hasSize(stages);
    }

    @Test
    void aMacroOnlyStageIsShownAsSearch() {
        assertThat(commands("index=x | `security_content_ctime(firstTime)` | `x_filter`"))
                .containsExactly("search", "search", "search");
    }

    @Test
    void anUnterminatedQuoteKeepsTheRestOfTheSearchInOneStage() {
        Pipeline pipeline = Pipeline.parse("search x=\"open | stats count");

        assertThat(pipeline.stages()).hasSize(1);
        assertThat(pipeline.stages().get(0).tokens()).anyMatch(t -> t.is(SplTokenKind.UNTERMINATED));
    }

    @Test
    void searchesOverTheLengthCapAreRefusedWithAReason() {
        String huge = "x ".repeat(Limits.MAX_QUERY_LENGTH);

        assertThatThrownBy(() -> Pipeline.parse(huge)).isInstanceOf(QueryTooLargeException.class)
                .hasMessageContaining("not analysed");
    }
}
