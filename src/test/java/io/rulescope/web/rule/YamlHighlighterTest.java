package io.rulescope.web.rule;

import org.junit.jupiter.api.Test;

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
}
