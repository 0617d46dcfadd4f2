package io.rulescope.web.rule;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rulescope.indicator.RuleAnatomy;

import static org.assertj.core.api.Assertions.assertThat;

class IndicatorTableHtmlTest {

    private static final String HOSTILE = "x\" onmouseover=\"alert(1)<script>&'";

    private static RuleAnatomy.ValueCount value(String value, int corpus) {
        return new RuleAnatomy.ValueCount(value, corpus, "/indicators?field=image&value=" + value);
    }

    @Test
    void aGroupShowsItsFieldKindPolarityAndEachValueWithItsCorpusLink() {
        RuleAnatomy.IndicatorGroup group = new RuleAnatomy.IndicatorGroup("Image", null, "process.executable", "endswith", "match",
                List.of("endswith"), List.of(value("\\rundll32.exe", 12), value(" padded ", 1), value(null, 0)));

        assertThat(IndicatorTableHtml.rows(List.of(group), false, "/rules/r-1")).isEqualTo("""
                <tr>
                <td><a href="/fields/Image"><code>Image</code></a>
                <div class="muted">canonical <code>process.executable</code></div>
                <div class="muted">modifiers: endswith</div></td>
                <td><code>endswith</code></td>
                <td><span class="polarity match">match</span></td>
                <td colspan="2" class="values"><ul class="plain">
                <li><code class="indicator-value">\\rundll32.exe</code>
                <a class="corpus" href="/indicators?field=image&amp;value=\\rundll32.exe" title="12 other rules">12</a></li>
                <li><code class="indicator-value padded" title="the value has leading or trailing spaces, shown inside the box"> padded </code>
                <a class="corpus" href="/indicators?field=image&amp;value= padded " title="1 other rule">1</a></li>
                <li><code class="indicator-value">(no value)</code>
                <a class="corpus" href="/indicators?field=image&amp;value=null" title="0 other rules">0</a></li>
                </ul></td>
                </tr>
                """);
    }

    @Test
    void aLongListShowsFiftyValuesAndLinksToTheRestUnlessAllAreAskedFor() {
        List<RuleAnatomy.ValueCount> values = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            values.add(value("hash" + i, 0));
        }
        List<RuleAnatomy.IndicatorGroup> groups = List.of(new RuleAnatomy.IndicatorGroup("sha256", "Processes", "sha256", "eq", "match",
                List.of(), values));

        String shown = IndicatorTableHtml.rows(groups, false, "/rules/r-1");
        String all = IndicatorTableHtml.rows(groups, true, "/rules/r-1");

        assertThat(shown).contains("<code>Processes.sha256</code>", "hash49<", "<p class=\"more-values\"><a href=\"/rules/r-1?values=all#indicators\">"
                + "Show all 60 values (10 more)</a></p>").doesNotContain("hash50<", "canonical");
        assertThat(all).contains("hash59<").doesNotContain("more-values");
    }

    @Test
    void everyValueARuleBringsIsEscapedInTextAndAttributes() {
        RuleAnatomy.IndicatorGroup group = new RuleAnatomy.IndicatorGroup(HOSTILE, HOSTILE, HOSTILE + "2", HOSTILE, HOSTILE,
                List.of(HOSTILE), List.of(new RuleAnatomy.ValueCount(HOSTILE, 1, "/indicators?v=" + HOSTILE)));

        String html = IndicatorTableHtml.rows(List.of(group), false, "/rules/r-1");

        assertThat(html).doesNotContain("<script", "\" onmouseover", "'").contains("&lt;script&gt;&amp;");
    }

    @ParameterizedTest(name = "the field {0} links to {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Image                          | /fields/Image
            Processes.process name         | /fields/Processes.process%20name
            properties/message             | /fields?name=properties/message
            a&b                            | /fields/a&b
            """)
    void aFieldLinksToItsPageWithASlashedNameAsAParameter(String field, String href) {
        assertThat(IndicatorTableHtml.fieldHref(field)).isEqualTo(href);
    }
}
