package io.rulescope.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.RunningApp;

import static org.assertj.core.api.Assertions.assertThat;

/** A malformed search anywhere gets a 400 that says what to fix: JSON for tools, the error page for browsers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchErrorsTest extends RunningApp {

    @ParameterizedTest(name = "{0} answers a malformed search with JSON giving the reason and position")
    @CsvSource(textBlock = """
            /api/search?q=
            /api/navigator?q=
            /export/search.csv?q=
            /export/search.json?q=
            /feed.atom?q=
            /api/attack/sub-techniques?id=T1059&q=
            """)
    void toolsGetJsonWithReasonAndPosition(String path) throws Exception {
        HttpResponse<String> response = send("GET", path + "title:(unclosed", BROWSER_ACCEPT);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        var body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
        assertThat(body.path("error").asString()).isNotBlank();
        assertThat(body.path("position").isInt()).isTrue();
    }

    @ParameterizedTest(name = "{0} shows the reason in place, next to the query")
    @CsvSource(textBlock = """
            /search?q=
            /attack?q=
            /compare?b=T1059&a=
            """)
    void pagesShowTheReasonInPlace(String path) throws Exception {
        HttpResponse<String> response = send("GET", path + "title:(unclosed", BROWSER_ACCEPT);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<form").doesNotContain("Exception");
    }

    @org.junit.jupiter.api.Test
    void theEveryValuePageSaysWhatIsWrongWithAMalformedSearchOrAnUnknownFacet() throws Exception {
        HttpResponse<String> malformed = send("GET", "/search/facet?facet=technique&q=title:(unclosed", BROWSER_ACCEPT);
        HttpResponse<String> unknown = send("GET", "/search/facet?facet=nope&q=T1059", BROWSER_ACCEPT);
        HttpResponse<String> fine = send("GET", "/search/facet?facet=platform&q=T1059", BROWSER_ACCEPT);

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("role=\"alert\"").doesNotContain("Exception");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("There is no facet named <code>nope</code>");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body()).containsPattern("<span>4</span> <span>platform</span>\\s*<span>values</span>").contains("href=\"/search?q=T1059%20platform:Sigma&amp;sort=relevance\"");
    }
}
