package io.rulescope.web.search;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.rulescope.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** A search taken away whole: CSV and JSON of every matching rule, and a Navigator layer that names its ATT&CK. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExportsTest extends RunningApp {

    @Test
    void aSearchDownloadsAsCsvWithEveryRuleAndAsJsonWithTheSameRows() throws Exception {
        HttpResponse<String> csv = send("GET", "/export/search.csv?q=platform:Sigma", "*/*");
        JsonNode json = JsonMapper.builder().build().readTree(send("GET", "/export/search.json?q=platform:Sigma", "*/*").body());
        JsonNode api = JsonMapper.builder().build().readTree(send("GET", "/api/search?q=platform:Sigma&size=1", "*/*").body());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        assertThat(csv.body()).startsWith("id,title,platform,severity,status,source,techniques,date,permalink\r\n");
        long rows = csv.body().lines().count() - 1;
        assertThat(rows).isEqualTo(api.path("total").asLong()).isEqualTo(json.path("total").asLong()).isGreaterThan(1);
        assertThat(json.path("rules").get(0).path("permalink").asString()).startsWith("http://localhost:" + port + "/rules/");
        assertThat(send("GET", "/export/search.csv?q=title:(", "*/*").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = ";;", quoteCharacter = '^', textBlock = """
            plain title                 ;; plain title
            =HYPERLINK("x")             ;; "'=HYPERLINK(""x"")"
            -cmd|' /C calc'!A0          ;; '-cmd|' /C calc'!A0
            a, b                        ;; "a, b"
            """)
    void csvCellsAreQuotedAndNeverRunAsSpreadsheetFormulas(String value, String cell) {
        assertThat(Csv.cell(value.strip())).isEqualTo(cell.strip());
    }

    @Test
    void aNavigatorLayerDownloadNamesTheAttackReleaseItWasMadeWith() throws Exception {
        HttpResponse<String> layer = send("GET", "/api/navigator?q=T1059&download=1", "application/json");

        assertThat(layer.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        JsonNode versions = JsonMapper.builder().build().readTree(layer.body()).path("versions");
        assertThat(versions.path("attack").asString()).matches("\\d+");
        assertThat(versions.path("layer").asString()).isEqualTo("4.5");
    }
}
