package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.rulescope.RunningApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /match}, {@code /api/match}, the batch API and a rule's test page, over the embedded content and real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MatchEndToEndTest extends RunningApp {

    private static final String CERTUTIL = "884798d1-c762-4410-a765-86e49fad084e";
    private static final String ENCODED_POWERSHELL = "d5f43b1a-7d93-45fd-8424-b595eb163184";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String example(String file) throws IOException {
        return Files.readString(Path.of("content/events/examples", file));
    }

    @Test
    void theApiSaysWhichRulesFireWithTheMatchedPredicatesAndTheEventsLogSource() throws Exception {
        HttpResponse<String> response = post("/api/match", "application/xml", example("certutil-download.xml"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("logsource").path("product").asString()).isEqualTo("windows");
        assertThat(body.path("logsource").path("category").asString()).isEqualTo("process_creation");
        assertThat(body.path("shape").asString()).isEqualTo("xml");
        assertThat(body.path("evaluated").asInt()).isPositive();
        JsonNode certutil = body.path("fires").values().stream().filter(f -> f.path("id").asString().equals(CERTUTIL)).findFirst().orElseThrow();
        assertThat(certutil.path("evaluation").asString()).isEqualTo("full");
        assertThat(certutil.path("permalink").asString()).isEqualTo("/rules/" + CERTUTIL);
        assertThat(certutil.path("attack").values()).isNotEmpty();
        assertThat(certutil.path("matched").values()).anySatisfy(m -> {
            assertThat(m.path("field").asString()).isEqualTo("CommandLine");
            assertThat(m.path("eventValue").asString()).contains("-urlcache");
        });
    }

    private JsonNode fired(String example, String contentType, String ruleId) throws Exception {
        JsonNode body = JSON.readTree(post("/api/match", contentType, example(example)).body());
        return body.path("fires").values().stream().filter(f -> f.path("id").asString().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError(ruleId + " did not fire on " + example + ": " + body.path("fires")));
    }

    @Test
    void elasticAndSentinelRulesFireOnTheEventsTheyDescribeLabelledByHowMuchWasEvaluated() throws Exception {
        // EQL, one query: evaluated whole; host.os.type and event.type choose data and are set aside
        JsonNode eql = fired("lsass-minidump-rundll32.json", "application/json", "5b8e1f0c-2d7a-4e39-9a61-0c4f7d2e8b13");
        assertThat(eql.path("platform").asString()).isEqualTo("Elastic");
        assertThat(eql.path("evaluation").asString()).isEqualTo("full");
        assertThat(eql.path("matched").values()).anySatisfy(m -> assertThat(m.path("field").asString()).isEqualTo("process.command_line"));
        // Kusto with a summarize after its filters: the filters only
        JsonNode kql = fired("encoded-powershell.txt", "text/plain", "7c1e4b52-6f0a-4d8e-9b43-2a6f1e0c9d11");
        assertThat(kql.path("evaluation").asString()).isEqualTo("first-stage");
        assertThat(kql.path("matched").values()).anySatisfy(m -> assertThat(m.path("field").asString()).isEqualTo("ProcessCommandLine"));
        // ES|QL: the WHERE before STATS; like is case-sensitive, so " -EncodedCommand" is what matches
        assertThat(fired("encoded-powershell.txt", "text/plain", "c3a9e27d-61f4-4b0e-8d55-7e2b90a1f4c6").path("evaluation").asString())
                .isEqualTo("first-stage");
        // KQL on a raw CloudTrail record: event.provider and event.action are CloudTrail's eventSource and eventName in ECS
        assertThat(fired("cloudtrail-stop-logging.json", "application/json", "8e0d4c71-9f2b-4a6e-b3d8-51c7a2e96f04").path("evaluation").asString())
                .isEqualTo("full");
    }

    @Test
    void aBenignEventFiresNoneOfTheNewFormatsRules() throws Exception {
        JsonNode body = JSON.readTree(post("/api/match", "application/json", example("notepad-from-explorer.json")).body());

        assertThat(body.path("fires").values()).noneMatch(f -> f.path("platform").asString().equals("Elastic")
                || f.path("platform").asString().equals("Microsoft Sentinel"));
    }

    @Test
    void anEventPostedAsAFormByCurlDashDIsStillReadAsTheEvent() throws Exception {
        HttpResponse<String> response = post("/api/match?category=process_creation&product=windows", "application/x-www-form-urlencoded",
                example("encoded-powershell.txt"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("shape").asString()).isEqualTo("key=value");
        assertThat(body.path("fires").values()).anyMatch(f -> f.path("id").asString().equals(ENCODED_POWERSHELL));
    }

    @Test
    void badEventsGetA4xxWithAPlainReasonNeverA500() throws Exception {
        assertThat(post("/api/match", "text/plain", "just a sentence")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("not JSON, Windows event XML or key=value lines");
        });
        assertThat(post("/api/match", "application/json", "{\"a\": ").statusCode()).isEqualTo(400);
        assertThat(post("/api/match", "application/json", "[1, 2]").body()).contains("must be an object");
        assertThat(post("/api/match", "application/json", "{\"a\":".repeat(100) + "1" + "}".repeat(100))).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("nests deeper than 32 levels");
        });
        assertThat(post("/api/match", "text/plain", "x=" + "a".repeat(300_000))).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("262144");
        });
        assertThat(post("/api/match", "application/xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Event><EventData><Data Name=\"a\">&e;</Data></EventData></Event>")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("DOCTYPE").doesNotContain("root:");
        });
        // java.net.URI refuses a malformed escape, so this request goes over a plain socket as a client could send it.
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.getOutputStream().write(("POST /api/match?product=%ZZ HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 3\r\nConnection: close\r\n\r\na=b").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("'product' is not valid URL encoding");
        }
    }

    @Test
    void theBatchApiAnswersOneLinePerEventAndReportsABadLineWithoutStopping() throws Exception {
        String matching = example("encoded-powershell.txt").lines().map(l -> l.split("=", 2))
                .map(kv -> "\"" + kv[0] + "\": " + JSON.writeValueAsString(kv[1])).reduce((a, b) -> a + ", " + b).map(s -> "{" + s + "}").orElseThrow();
        String batch = matching + "\n{broken\n\n{\"Image\": \"C:\\\\Windows\\\\notepad.exe\"}\n";

        HttpResponse<String> response = post("/api/match/batch", "application/x-ndjson", batch);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        var lines = response.body().lines().map(JSON::readTree).toList();
        assertThat(lines).extracting(l -> l.path("index").asInt()).containsExactly(0, 1, 3);
        assertThat(lines.get(0).path("fires").values()).extracting(JsonNode::asString).contains(ENCODED_POWERSHELL);
        assertThat(lines.get(1).path("error").asString()).contains("not valid JSON");
        assertThat(lines.get(2).path("fires").values()).isEmpty();
    }

    @Test
    void aBatchLineLongerThanOneEventMayBeIsDroppedUnreadAndTheLinesAfterItAreStillAnswered() throws Exception {
        String matching = example("encoded-powershell.txt").lines().map(l -> l.split("=", 2))
                .map(kv -> "\"" + kv[0] + "\": " + JSON.writeValueAsString(kv[1])).reduce((a, b) -> a + ", " + b).map(s -> "{" + s + "}").orElseThrow();
        String batch = "{\"CommandLine\": \"" + "x".repeat(3 * 262_144) + "\"}\n" + matching + "\n";

        HttpResponse<String> response = post("/api/match/batch", "application/x-ndjson", batch);

        var lines = response.body().lines().map(JSON::readTree).toList();
        assertThat(lines).extracting(l -> l.path("index").asInt()).containsExactly(0, 1);
        assertThat(lines.get(0).path("error").asString()).contains("larger than 262144 bytes");
        assertThat(lines.get(1).path("fires").values()).extracting(JsonNode::asString).contains(ENCODED_POWERSHELL);
    }

    /**
     * Clients send a whole body before they read the answer. When the server answered while still reading, a large
     * batch filled the buffers both ways and client and server each waited on the other until a timeout.
     */
    @Test
    void aLargeBatchSentWholeBeforeTheAnswerIsReadIsAnsweredInFull() throws Exception {
        int events = 300_000;
        byte[] body = "{\"EventID\": 1}\n".repeat(events).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("localhost", port));
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            // HTTP/1.0, so the answer comes whole rather than in chunks.
            out.write(("POST /api/match/batch HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(answer.lines().filter(l -> l.contains("\"index\":")).count()).isEqualTo(events);
            assertThat(answer).contains("{\"index\":" + (events - 1) + ",");
        }
    }

    /**
     * Answering a batch while it was still arriving left the connection's thread switching between reads and matches;
     * data arriving in between was dispatched to a second thread, which waited on the first. Under eight large batches
     * that took every thread and health checks timed out. A batch is now read whole first: nothing is answered before.
     */
    @Test
    void aBatchIsAnsweredOnlyOnceItHasArrivedWhole() throws Exception {
        byte[] half = "{\"EventID\": 1}\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /api/match/batch HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                    + 2 * half.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(half);
            out.flush();
            Thread.sleep(1_000);
            java.io.InputStream in = socket.getInputStream();

            assertThat(in.available()).as("bytes answered before the batch arrived whole").isZero();

            out.write(half);
            out.flush();
            String answer = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200").contains("{\"index\":39999,");
        }
    }

    @Test
    void theMatchPageShowsFiresAndEscapesWhateverTheEventHolds() throws Exception {
        HttpResponse<String> page = post("/match", "application/x-www-form-urlencoded", "event="
                + java.net.URLEncoder.encode("EventID=1\nChannel=Microsoft-Windows-Sysmon/Operational\nImage=C:\\Windows\\System32\\certutil.exe\n"
                        + "CommandLine=certutil -urlcache -f http://x/<script>alert(1)</script>", java.nio.charset.StandardCharsets.UTF_8));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Rules that fire", "Certutil Used to Download a File", "<mark>", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void theHeadlineCountsRulesThatFireApartFromRulesThatMatchOnlyTheirFirstStage() throws Exception {
        String event = example("encoded-powershell.txt");
        tools.jackson.databind.JsonNode api = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(post("/api/match", "text/plain", event).body());
        long full = api.path("fires").valueStream().filter(f -> !f.path("evaluation").asString().equals("first-stage")).count();
        long firstStage = api.path("fires").size() - full;
        assertThat(full).isPositive();
        assertThat(firstStage).as("the embedded SPL rule matches its first stage").isPositive();

        String page = post("/match", "application/x-www-form-urlencoded", "event=" + java.net.URLEncoder.encode(event, java.nio.charset.StandardCharsets.UTF_8)).body();

        assertThat(page).containsPattern("<strong>" + full + " rules? fires?</strong>")
                .containsPattern("and <strong>" + firstStage + "</strong> <span>rules? match</span> on\\s+their first stage");
    }

    @Test
    void theMatchPageSaysHowEachLanguagesRulesAreEvaluatedYaraLIncluded() throws Exception {
        String page = send("GET", "/match", BROWSER_ACCEPT).body();

        assertThat(page).contains("Sigma rules in full").contains("Splunk searches on their first stage")
                .contains("Microsoft Sentinel queries on their first stage")
                .contains("Google SecOps rules on the filters of their first event");
    }

    @Test
    void eachExampleOpensInOneClickAndAnUnknownOneIsA404() throws Exception {
        HttpResponse<String> page = send("GET", "/match?example=certutil-download", BROWSER_ACCEPT);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Certutil Used to Download a File", "Try an example", "windows / process_creation");

        HttpResponse<String> benign = send("GET", "/match?example=notepad-from-explorer", BROWSER_ACCEPT);
        assertThat(benign.body()).contains("No rule fires on this event.");

        assertThat(send("GET", "/match?example=nope", BROWSER_ACCEPT).statusCode()).isEqualTo(404);
        assertThat(post("/match", "application/x-www-form-urlencoded", "event=nonsense").statusCode()).isEqualTo(400);
    }

    @Test
    void aRulesTestPageEvaluatesItPredicateByPredicate() throws Exception {
        HttpResponse<String> page = send("GET", "/rules/" + CERTUTIL + "/test?example=certutil-download", BROWSER_ACCEPT);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Test an event against this rule", "The rule fires on this event.", "CommandLine contains");

        HttpResponse<String> other = send("GET", "/rules/" + CERTUTIL + "/test?example=notepad-from-explorer", BROWSER_ACCEPT);
        assertThat(other.body()).contains("The rule does not fire on this event.");
        assertThat(send("GET", "/rules/" + CERTUTIL, BROWSER_ACCEPT).body()).contains("/rules/" + CERTUTIL + "/test");
        assertThat(send("GET", "/rules/no-such-rule/test", BROWSER_ACCEPT).statusCode()).isEqualTo(404);
    }

    @Test
    void theSearchBoxAlsoListsRulesWhoseIndicatorsWouldMatchAPastedValue() throws Exception {
        String q = java.net.URLEncoder.encode("Image=C:\\Windows\\System32\\certutil.exe", java.nio.charset.StandardCharsets.UTF_8);

        JsonNode answer = JSON.readTree(send("GET", "/api/search?q=" + q, "application/json").body());
        assertThat(answer.path("wouldMatch").values()).anySatisfy(m -> {
            assertThat(m.path("id").asString()).isEqualTo(CERTUTIL);
            assertThat(m.path("predicate").asString()).isEqualTo("Image endswith \\certutil.exe");
        });
        HttpResponse<String> page = send("GET", "/search?q=" + q, BROWSER_ACCEPT);
        assertThat(page.body()).contains("would match this value", "Certutil Used to Download a File", "would match");

        String wildcard = java.net.URLEncoder.encode("Image=*\\certutil.exe", java.nio.charset.StandardCharsets.UTF_8);
        assertThat(JSON.readTree(send("GET", "/api/search?q=" + wildcard, "application/json").body()).path("wouldMatch").values())
                .as("a wildcard search is already a pattern: nothing to reverse").isEmpty();
    }
}
