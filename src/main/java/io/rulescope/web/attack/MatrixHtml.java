package io.rulescope.web.attack;

import io.rulescope.attack.AttackMatrix;
import io.rulescope.attack.Tactic;
import io.rulescope.system.Html;
import org.springframework.web.util.UriUtils;

/**
 * The matrix grid as HTML, written directly: 800 cells through Thymeleaf were nine tenths of a matrix page's cost
 * (55 ms of CPU a page, JFR), and the grid has no logic a template would make clearer. Every text and attribute that
 * comes from data (tactic and technique names, ids rules declare) is escaped here; numbers are the only raw values.
 * The page template inserts the result as it is, the layout around it stays Thymeleaf's.
 */
public final class MatrixHtml {

    private MatrixHtml() {
    }

    public static String render(AttackMatrix matrix, String release) {
        StringBuilder html = new StringBuilder(64 * 1024);
        for (AttackMatrix.Column column : matrix.columns()) {
            Tactic tactic = column.tactic();
            html.append("<section class=\"matrix-column\" aria-label=\"").append(Html.escape(tactic.name())).append("\" data-tactic=\"")
                    .append(Html.escape(tactic.shortName())).append("\">\n<h2 class=\"matrix-head\"><a href=\"/tactics/")
                    .append(path(tactic.key())).append("\">").append(Html.escape(tactic.name())).append("</a>\n<span class=\"muted\">")
                    .append(column.rules()).append(column.rules() == 1 ? " rule, " : " rules, ").append(column.cells().size())
                    .append(" techniques</span>");
            if (!tactic.isKnown()) {
                html.append("\n<span class=\"badge warn\">not in ").append(Html.escape(release)).append("</span>");
            }
            html.append("</h2>\n");
            for (AttackMatrix.Cell cell : column.cells()) {
                cell(html, cell);
            }
            html.append("</section>\n");
        }
        return html.toString();
    }

    /** One line per cell; sub-technique lists come from /api/attack/sub-techniques when a cell is opened. */
    private static void cell(StringBuilder html, AttackMatrix.Cell cell) {
        String id = cell.technique().id();
        html.append("<div class=\"matrix-cell shade-").append(cell.shade()).append(cell.declaredOnly() ? " declared" : "")
                .append("\"><a href=\"/techniques/").append(path(id)).append('"');
        if (cell.declaredOnly()) {
            html.append(" title=\"placed here by its rules, not by the loaded ATT&amp;CK\"");
        }
        html.append('>').append(Html.escape(cell.label())).append("</a><span class=\"cell-count\">").append(cell.rules()).append("</span>");
        if (!cell.subTechniques().isEmpty()) {
            html.append("<details class=\"subs\" data-t=\"").append(Html.escape(id)).append("\"><summary>").append(cell.subTechniques().size())
                    .append(" sub-techniques</summary></details>");
        }
        html.append("</div>\n");
    }

    private static String path(String segment) {
        return Html.escape(UriUtils.encodePathSegment(segment == null ? "" : segment, java.nio.charset.StandardCharsets.UTF_8));
    }
}
