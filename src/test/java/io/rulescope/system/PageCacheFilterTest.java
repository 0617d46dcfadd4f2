package io.rulescope.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageCacheFilterTest {

    @ParameterizedTest(name = "Accept-Encoding \"{0}\" takes gzip: {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            gzip, deflate, br, zstd | true
            GZIP                    | true
            br;q=1.0, gzip;q=0.8    | true
            gzip;q=0                | false
            deflate, br             | false
            identity                | false
            ''                      | false
            NULL                    | false
            gzip;q=                 | false
            """)
    void aClientTakesGzipOnlyWhenItsAcceptEncodingNamesItWithAQualityAboveZero(String header, boolean takesGzip) {
        assertThat(PageCacheFilter.acceptsGzip(header)).isEqualTo(takesGzip);
    }

    @Test
    void aPageKeptGzippedInflatesToTheSameBytesAndTakesAFractionOfThem() {
        byte[] page = "<tr><td><code>CommandLine</code></td><td>contains</td></tr>\n".repeat(400).getBytes(StandardCharsets.UTF_8);

        byte[] kept = PageCacheFilter.gzip(page);

        assertThat(PageCacheFilter.gunzip(kept)).isEqualTo(page);
        assertThat(kept.length).isLessThan(page.length / 10);
    }
}
