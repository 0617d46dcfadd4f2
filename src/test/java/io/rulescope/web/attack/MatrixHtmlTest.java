package io.rulescope.web.attack;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rulescope.attack.AttackMatrix;
import io.rulescope.attack.Tactic;
import io.rulescope.attack.Technique;

import static org.assertj.core.api.Assertions.assertThat;

class MatrixHtmlTest {

    private static AttackMatrix.Cell cell(String id, String name, long rules, boolean declared, AttackMatrix.Cell... subs) {
        return new AttackMatrix.Cell(new Technique(id, name, List.of(), false, false), rules, List.of(subs), declared);
    }

    @Test
    void aCellShowsItsShadeCountLinkAndSubTechniquesToOpen() {
        AttackMatrix matrix = new AttackMatrix(List.of(new AttackMatrix.Column(new Tactic("TA0002", "execution", "Execution", 4), 7,
                List.of(cell("T1059", "Command and Scripting Interpreter", 7, false, cell("T1059.001", "PowerShell", 3, false)),
                        cell("T1204", "User Execution", 0, false)))), 1, 2, 0, 0);

        String html = MatrixHtml.render(matrix, "v18.1");

        assertThat(html).contains("<section class=\"matrix-column\" aria-label=\"Execution\" data-tactic=\"execution\">",
                "<a href=\"/tactics/TA0002\">Execution</a>", "7 rules, 2 techniques",
                "<div class=\"matrix-cell shade-3\"><a href=\"/techniques/T1059\">Command and Scripting Interpreter</a>"
                        + "<span class=\"cell-count\">7</span><details class=\"subs\" data-t=\"T1059\"><summary>1 sub-techniques</summary>",
                "<div class=\"matrix-cell shade-0\"><a href=\"/techniques/T1204\">User Execution</a><span class=\"cell-count\">0</span></div>");
        assertThat(html).doesNotContain("not in v18.1");
    }

    @Test
    void namesRulesDeclareAreEscapedInTextAndAttributes() {
        Tactic declared = Tactic.unknown("x\" onmouseover=\"alert(1)<script>");
        AttackMatrix matrix = new AttackMatrix(List.of(new AttackMatrix.Column(declared, 1,
                List.of(cell("T9999\"><img src=x>", null, 1, true)))), 1, 1, 0, 0);

        String html = MatrixHtml.render(matrix, "v18.1<b>");

        assertThat(html).doesNotContain("<script>", "<img", "\" onmouseover", "<b>");
        assertThat(html).contains("&lt;script&gt;", "&quot;", "not in v18.1&lt;b&gt;", "matrix-cell shade-1 declared",
                "title=\"placed here by its rules, not by the loaded ATT&amp;CK\"");
        // An id in a link is one path segment: encoded, so it cannot climb out of /techniques/.
        assertThat(html).contains("href=\"/techniques/T9999%22%3E%3Cimg%20src=x%3E\"");
    }
}
