package io.rulescope.web.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.RunningApp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A pasted Sigma rule converted through the running app: the page, the API, and every way the input can be wrong. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConvertEndToEndTest extends RunningApp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String WHOAMI = """
            title: Whoami <b>run</b>
            logsource:
                category: process_creation
                product: windows
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                    CommandLine|contains: '/priv'
                condition: selection
            """;

    private HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPastedRuleConvertsForTheChosenTargetWithTheFieldsRenamed() throws Exception {
        HttpResponse<String> response = post("/api/convert?target=kusto-xdr", "application/yaml", WHOAMI);
        JsonNode answer = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.path("target").asString()).isEqualTo("kusto-xdr");
        assertThat(answer.path("pipeline").asString()).isEqualTo("Microsoft Defender XDR advanced hunting tables");
        assertThat(answer.path("queries").get(0).asString())
                .isEqualTo("DeviceProcessEvents\n| where FolderPath endswith \"\\\\whoami.exe\" and ProcessCommandLine contains \"/priv\"");
        assertThat(answer.path("mappings").toString()).contains("{\"from\":\"Image\",\"to\":\"FolderPath\"}",
                "{\"from\":\"CommandLine\",\"to\":\"ProcessCommandLine\"}");
        assertThat(answer.path("unsupported").size()).isZero();
    }

    @Test
    void severalDocumentsGiveOneQueryEachAndPlainTextIsAcceptedToo() throws Exception {
        String two = WHOAMI + "---\n" + WHOAMI.replace("whoami", "net").replace("/priv", "user");
        JsonNode answer = JSON.readTree(post("/api/convert?target=splunk", "text/plain", two).body());

        assertThat(answer.path("queries").size()).isEqualTo(2);
        assertThat(answer.path("queries").get(1).asString()).isEqualTo("Image=\"*\\\\net.exe\" CommandLine=\"*user*\"");
        assertThat(answer.path("rules").get(0).path("title").asString()).isEqualTo("Whoami <b>run</b>");
    }

    @Test
    void whatATargetCannotExpressIsNamedWith422() throws Exception {
        String orOfRegexes = WHOAMI.replace("CommandLine|contains: '/priv'", "CommandLine|re: 'a.c'").replace("condition: selection",
                "condition: selection or other\n    other:\n        User|re: 'x.y'");
        HttpResponse<String> response = post("/api/convert?target=splunk", "application/yaml", orOfRegexes);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("unsupported").toString()).contains("ORing regular expressions");
    }

    @Test
    void unreadableOrForeignInputGetsAClearErrorNeverA500() throws Exception {
        HttpResponse<String> broken = post("/api/convert", "application/yaml", "title: x\ndetection: [unclosed\n");
        HttpResponse<String> empty = post("/api/convert", "application/yaml", "");
        HttpResponse<String> splunk = post("/api/convert", "application/yaml", "name: A search\nsearch: index=main\ntype: TTP\n");
        HttpResponse<String> unknownTarget = post("/api/convert?target=qradar", "application/yaml", WHOAMI);
        String laughs = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n";
        HttpResponse<String> bomb = post("/api/convert", "application/yaml", laughs);

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("line 3", "expected");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("paste a Sigma rule");
        assertThat(splunk.statusCode()).isEqualTo(400);
        assertThat(unknownTarget.statusCode()).isEqualTo(400);
        assertThat(unknownTarget.body()).contains("no target called");
        assertThat(bomb.statusCode()).isEqualTo(400);
        assertThat(bomb.body()).contains("alias");
    }

    @Test
    void theConvertPageShowsTheQueryAndEscapesWhatWasPasted() throws Exception {
        String form = "target=kusto-asim&yaml=" + URLEncoder.encode(WHOAMI, StandardCharsets.UTF_8);
        HttpResponse<String> page = post("/convert", "application/x-www-form-urlencoded", form);
        HttpResponse<String> bad = post("/convert", "application/x-www-form-urlencoded", "target=splunk&yaml=" + URLEncoder.encode("a: [", StandardCharsets.UTF_8));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("imProcessCreate", "TargetProcessName endswith", "Whoami &lt;b&gt;run&lt;/b&gt;", "fields renamed",
                "value=\"kusto-asim\" selected=\"selected\"").doesNotContain("<b>run</b>");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("This cannot be converted");
        assertThat(send("GET", "/convert", BROWSER_ACCEPT).body()).contains("Convert a Sigma rule", "certutil");
        HttpResponse<String> tooLarge = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/convert"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", BROWSER_ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofString("target=splunk&yaml=" + "a".repeat(3_000_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("larger than Rulescope takes", "paste less");
    }

    @Test
    void aSearchExportsAsTheFileEachSiemImportsWithAReportOfWhatDidNotConvert() throws Exception {
        HttpResponse<String> page = send("GET", "/search/export?q=certutil&target=kusto-xdr", BROWSER_ACCEPT);
        HttpResponse<String> conf = send("GET", "/search/export?q=certutil&target=splunk-windows", "*/*");
        HttpResponse<String> yaml = send("GET", "/search/export?q=certutil&target=kusto-xdr&format=sentinel-yaml", BROWSER_ACCEPT);
        HttpResponse<String> arm = send("GET", "/search/export/file?q=certutil&target=kusto-xdr&format=sentinel-arm", "*/*");
        HttpResponse<String> ndjson = send("GET", "/search/export/file?q=certutil&target=esql-ecs", "*/*");
        HttpResponse<String> wrongFormat = send("GET", "/search/export/file?q=certutil&target=splunk&format=elastic-ndjson", "*/*");
        HttpResponse<String> unknownTarget = send("GET", "/search/export/file?q=certutil&target=qradar", "*/*");
        HttpResponse<String> badQuery = send("GET", "/search/export?q=" + URLEncoder.encode("title:(", StandardCharsets.UTF_8) + "&target=splunk",
                BROWSER_ACCEPT);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sigma rule converts", "Download Microsoft Sentinel analytics rules (ARM template)",
                "/search/export/file?q=certutil&amp;target=kusto-xdr&amp;format=sentinel-yaml");
        assertThat(conf.statusCode()).isEqualTo(200);
        assertThat(conf.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"savedsearches.conf\"");
        assertThat(conf.body()).contains("[default]", "search = ", "action.correlationsearch.annotations = {\"mitre_attack\": [\"T1105\"");
        assertThat(Integer.parseInt(conf.headers().firstValue("X-Rulescope-Converted").orElseThrow())).isPositive();
        assertThat(arm.body()).contains("\"type\" : \"Microsoft.OperationalInsights/workspaces/providers/alertRules\"", "DeviceProcessEvents");
        assertThat(yaml.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"sentinel-analytics.yaml\"");
        assertThat(yaml.body()).contains("relevantTechniques:", "kind: Scheduled");
        assertThat(ndjson.body().lines()).allSatisfy(l -> assertThat(l).startsWith("{\"rule_id\":").contains("\"type\":\"esql\""));
        assertThat(wrongFormat.statusCode()).isEqualTo(400);
        assertThat(wrongFormat.body()).contains("savedsearches");
        assertThat(unknownTarget.statusCode()).isEqualTo(400);
        assertThat(badQuery.statusCode()).isEqualTo(400);
        assertThat(badQuery.body()).doesNotContain("Exception").contains("Take these Sigma rules to your SIEM");
    }

    @Test
    void aScriptGetsTheFileEvenAfterABrowserHadThePageOfTheSameAddress() throws Exception {
        String address = "/search/export?q=vssadmin&target=splunk";
        HttpResponse<String> page = send("GET", address, BROWSER_ACCEPT);
        HttpResponse<String> file = send("GET", address, "*/*");

        assertThat(page.body()).contains("Take these Sigma rules to your SIEM");
        assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"savedsearches.conf\"");
        assertThat(file.body()).startsWith("# Exported by Rulescope").doesNotContain("<html");
        assertThat(file.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Accept"));
    }
}
