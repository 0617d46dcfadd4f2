package io.rulescope.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests take one of the few places kept for heavy work, so pages and health keep the rest. */
class HeavyRequestsFilterTest {

    @ParameterizedTest(name = "{0} {1} is heavy: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            POST | /api/match                  | true
            POST | /match                      | true
            GET  | /match                      | false
            POST | /convert                    | true
            POST | /api/convert                | true
            GET  | /convert                    | false
            GET  | /search/export              | true
            GET  | /search/export/file         | true
            GET  | /export/search.csv          | true
            GET  | /api/navigator              | true
            GET  | /search                     | false
            GET  | /api/rules/x/convert        | false
            POST | /api/collections/7/import   | true
            POST | /collections/7/import       | true
            POST | /api/collections/7/members  | false
            """)
    void exportsConversionsAndMatchesAreHeavyAndPagesAreNot(String method, String path, boolean heavy) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);

        assertThat(HeavyRequestsFilter.isHeavy(request)).isEqualTo(heavy);
    }
}
