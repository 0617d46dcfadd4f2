package io.rulescope.web.search;

import java.util.List;

import io.rulescope.search.RuleSummary;

/**
 * One rule as the search exports give it: the JSON export writes these fields, the CSV export these columns in this
 * order, so the two cannot drift apart.
 */
record ExportRow(String id, String title, String platform, String severity, String status, String source,
        List<String> techniques, String date, String permalink) {

    static final String CSV_HEADER = "id,title,platform,severity,status,source,techniques,date,permalink\r\n";

    /** @param base the site's absolute URL, so permalinks work outside it */
    static ExportRow of(RuleSummary r, String base) {
        return new ExportRow(r.ruleId(), r.title(), r.platform(), r.severity().isEmpty() ? null : r.severity(),
                r.status().isEmpty() ? null : r.status(), r.source(), r.techniques(), r.date(), base + r.permalink());
    }

    String csvLine() {
        return String.join(",", Csv.cell(id), Csv.cell(title), Csv.cell(platform), Csv.cell(severity), Csv.cell(status),
                Csv.cell(source), Csv.cell(String.join(" ", techniques)), Csv.cell(date), Csv.cell(permalink)) + "\r\n";
    }
}
