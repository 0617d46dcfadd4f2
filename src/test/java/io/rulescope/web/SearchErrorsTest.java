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
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
        assertThat(body.path("error").asString()).isNotBlank();
        assertThat(body.path("position").isInt()).isTrue();
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("title").asString()).isEqualTo("Bad Request");
        assertThat(body.path("detail").asString()).isEqualTo(body.path("error").asString());
        assertThat(body.path("code").asString()).isEqualTo("SEARCH_SYNTAX");
    }

    @ParameterizedTest(name = "{0} answers {1} as a problem detail naming what is wrong")
    @CsvSource(delimiter = '|', textBlock = """
            /api/compare/rules?a=x                | 400 | b
            /api/indicators?field=a&kind=nonsense | 400 | nonsense
            /api/changes?since=yesterday          | 400 | yesterday
            /api/search?q=T1059&page=two          | 400 | page
            """)
    void theApisOtherErrorsAreProblemDetailsToo(String path, int status, String named) throws Exception {
        HttpResponse<String> response = send("GET", path, "application/json");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asString()).contains(named).doesNotContain("Exception");
        assertThat(response.body()).doesNotContain("at io.rulescope");
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
