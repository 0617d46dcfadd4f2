package io.rulescope.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;


/** Rule text written to attack the catalog, and requests written to break it: all must come out inert. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRequestsTest extends io.rulescope.RunningApp {

    static final String ID = "11111111-dead-beef-0000-000000000001";
    static final String BIDI = "\u202Eexe.txt";

    @DynamicPropertySource
    static void hostileSource(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("hostile-rules");
        Files.writeString(dir.resolve("hostile.yml"), """
                title: <script>alert('title')</script> Evil "><img src=x onerror=alert(1)>
                id: %s
                status: test
                description: "Description <script>alert('d')</script> __${T(java.lang.Runtime).getRuntime().exec('id')}__ [[${7*7}]] %s"
                author: <b onmouseover=alert(1)>Mallory</b>
                references:
                    - javascript:alert(document.cookie)
                    - data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==
                    - https://example.org/"><script>alert(1)</script>
                tags:
                    - attack.t1059
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    selection:
                        CommandLine|contains: '<script>alert("v")</script>'
                        Image: '"><img src=x onerror=alert(2)>'
                    keywords:
                        - '${7*7}'
                    condition: selection or keywords
                falsepositives:
                    - <iframe src=javascript:alert(3)>
                level: high
                """.formatted(ID, BIDI));
        registry.add("rulescope.sources", () -> "embedded," + dir);
    }

    static final java.util.concurrent.atomic.AtomicInteger PASSED = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger TRIED = new java.util.concurrent.atomic.AtomicInteger();

    @org.junit.jupiter.api.BeforeEach
    void countTried() {
        TRIED.incrementAndGet();
    }

    @org.junit.jupiter.api.AfterEach
    void countPassed(org.junit.jupiter.api.TestInfo info) {
        // AfterEach runs after failed tests too; only those that got here without an assertion error count as passed.
        if (!FAILED.contains(info.getDisplayName())) {
            PASSED.incrementAndGet();
        }
    }

    static final java.util.Set<String> FAILED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.TestExecutionExceptionHandler RECORD_FAILURES = (context, throwable) -> {
        FAILED.add(context.getDisplayName());
        throw throwable;
    };

    @org.junit.jupiter.api.AfterAll
    static void printTally() {
        System.out.printf("Hostile requests: %d tried, %d passed%n", TRIED.get(), PASSED.get());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, BROWSER_ACCEPT);
    }

    private static void inert(String body) {
        assertThat(body).doesNotContain("<script>alert", "<img src=x", "<b onmouseover", "<iframe src", "href=\"javascript:",
                "href=\"data:", "uid=", ">49<");
    }

    @Test
    void theHostileRuleIsIngestedAndItsPageShowsEveryFieldAsInertText() throws Exception {
        HttpResponse<String> page = get("/rules/" + ID);

        assertThat(page.statusCode()).isEqualTo(200);
        inert(page.body());
        assertThat(page.body()).contains("&lt;script&gt;alert(", "__${T(java.lang.Runtime)", "[[${7*7}]]", "javascript:alert(document.cookie)");
        assertThat(page.body()).as("only the http(s) reference is a link").contains("href=\"https://example.org/&quot;&gt;&lt;script&gt;");
    }

    @Test
    void searchResultsSnippetsHighlightsAndSuggestionsStayInert() throws Exception {
        inert(get("/search?q=script").body());
        inert(get("/search?q=Evil").body());
        inert(get("/search?q=" + java.net.URLEncoder.encode("CommandLine=*script*", "UTF-8")).body());
        // JSON carries rule text as data; it stays inert because it is never served as HTML or sniffed as such.
        HttpResponse<String> suggest = get("/api/suggest?q=Evil");
        assertThat(suggest.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(suggest.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        inert(get("/fields/Image").body());
        inert(get("/indicators?field=Image&kind=eq&value=" + java.net.URLEncoder.encode("\"><img src=x onerror=alert(2)>", "UTF-8")).body());
    }

    @Test
    void theFeedAndTheJsonEscapeRuleText() throws Exception {
        String feed = get("/feed.atom?q=Evil").body();
        String json = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rules/" + ID)).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(feed).contains("&lt;script&gt;alert(").doesNotContain("<script>");
        assertThat(json).contains("\"title\":\"<script>alert('title')</script>").doesNotContain("uid=");
    }

    @Test
    void pagesCarryStrictSecurityHeadersAndNoServerBanner() throws Exception {
        for (String path : List.of("/", "/rules/" + ID, "/search?q=x", "/attack", "/api/search?q=x", "/nope")) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).isPresent();
            assertThat(r.headers().firstValue("Server")).as(path).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} {1} answers {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /rules/..%2f..%2fetc%2fpasswd        | 400
            GET    | /%2e%2e/%2e%2e/etc/passwd             | 400
            GET    | /api/rules/%00                        | 400
            GET    | /rules?page=abc                       | 400
            GET    | /rules?page=-5&size=999999999         | 200
            GET    | /api/search?q=T1059&page=-1&size=99999 | 200
            GET    | /api/search?q=x&q=y                   | 200
            DELETE | /rules/x                              | 405
            PUT    | /api/search?q=x                       | 405
            TRACE  | /                                     | 405
            GET    | /h2-console                           | 404
            GET    | /actuator/env                         | 404
            GET    | /actuator/heapdump                    | 404
            GET    | /css/                                 | 404
            GET    | /techniques/..%5c..%5cwin.ini         | 400
            """)
    void malformedAndProbingRequestsGetAPlain4xxWithoutInternals(String method, String path, int status) throws Exception {
        HttpResponse<String> r = send(method, path, BROWSER_ACCEPT);

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).doesNotContain("Exception", "at io.rulescope", "at org.springframework", "Apache Tomcat/");
    }

    @Test
    void aTenKilobyteIdIsRefusedPlainly() throws Exception {
        HttpResponse<String> r = get("/rules/" + "a".repeat(10_000));

        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("Exception", "Apache Tomcat/");
    }

    @ParameterizedTest(name = "asking for {0} gets no answer in it")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "application/x-jackson-smile", "application/cbor" })
    void onlyTheDocumentedFormatsAreOffered(String accept) throws Exception {
        HttpResponse<String> r = send("GET", "/api/search?q=vssadmin", accept);

        assertThat(r.statusCode()).isEqualTo(406);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).doesNotContain("smile").doesNotContain("cbor");
        assertThat(r.body()).doesNotStartWith(":)");
    }
}
