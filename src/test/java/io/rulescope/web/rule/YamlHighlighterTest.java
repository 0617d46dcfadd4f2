package io.rulescope.web.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class YamlHighlighterTest {

    @Test
    void everyPieceOfRuleTextIsEscapedInTheHtml() {
        String html = YamlHighlighter.toHtml("title: <script>alert(1)</script>\n\"><img src=x onerror=alert(1)>: x # '&'\n");

        assertThat(html).doesNotContain("<script>", "<img").contains("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;",
                "&#39;&amp;&#39;");
    }

    @Test
    void keysValuesCommentsAndListsGetTheirClasses() {
        String html = YamlHighlighter.toHtml("name: x  # why\nlist:\n  - 'quoted'\n  - 42\n");

        assertThat(html).isEqualTo("<span class=\"y-key\">name</span><span class=\"y-punct\">:</span><span class=\"y-value\"> x  </span>"
                + "<span class=\"y-comment\"># why</span>\n"
                + "<span class=\"y-key\">list</span><span class=\"y-punct\">:</span>\n"
                + "  <span class=\"y-dash\">- </span><span class=\"y-string\">&#39;quoted&#39;</span>\n"
                + "  <span class=\"y-dash\">- </span><span class=\"y-literal\">42</span>\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Unix line ends            | 'a\\nb\\n'     | 'a|b|'
            Windows line ends         | 'a\\r\\nb\\r\\n' | 'a|b|'
            old Mac line ends         | 'a\\rb'        | 'a|b|'
            no line end at the end    | 'a'           | 'a|'
            blank lines kept          | 'a\\n\\n\\nb'    | 'a|||b|'
            empty text                | ''            | ''
            """)
    void everyKindOfLineBreakEndsALineAndNoneIsAddedAfterTheLast(String kind, String yaml, String lines) {
        String text = yaml.replace("\\n", "\n").replace("\\r", "\r");

        assertThat(YamlHighlighter.toHtml(text)).isEqualTo(lines.replace("a", "<span class=\"y-value\">a</span>")
                .replace("b", "<span class=\"y-value\">b</span>").replace('|', '\n'));
    }

    @Test
    void aDashWithoutAKeyIsAListItemAndALiteralNeedsItsWholeValue() {
        assertThat(YamlHighlighter.toHtml("- -1.5\n- truer\n")).isEqualTo(
                "<span class=\"y-dash\">- </span><span class=\"y-literal\">-1.5</span>\n"
                + "<span class=\"y-dash\">- </span><span class=\"y-value\">truer</span>\n");
    }
}
