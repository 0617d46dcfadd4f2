package io.rulescope.rule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Descriptions render their Markdown and nothing else: raw HTML and script links never reach the page. */
class DescriptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = ";;", quoteCharacter = '^', textBlock = """
            Runs `rundll32.exe` with comsvcs                ;; <p>Runs <code>rundll32.exe</code> with comsvcs</p>
            See [the blog](https://example.org/post)         ;; <p>See <a rel="nofollow noopener noreferrer" href="https://example.org/post">the blog</a></p>
            <script>alert(1)</script> and <b>bold</b>        ;; &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;
            [click](javascript:alert(1))                     ;; <p><a rel="nofollow noopener noreferrer" href="">click</a></p>
            [data](data:text/html;base64,PHNjcmlwdD4=)       ;; <p><a rel="nofollow noopener noreferrer" href="">data</a></p>
            ![tracker](https://evil.example/pixel.gif)       ;; <p>tracker</p>
            ![inline](data:image/png;base64,AAAA)            ;; <p>inline</p>
            """)
    void markdownIsRenderedAndUntrustedHtmlIsEscaped(String description, String html) {
        assertThat(Descriptions.toHtml(description.strip()).strip()).contains(html.strip()).doesNotContain("<img");
    }
}
