package io.rulescope.web.search;

/** One CSV cell (RFC 4180), safe to open in a spreadsheet even though rule text is untrusted. */
final class Csv {

    private Csv() {
    }

    /**
     * Quotes a cell when it holds a comma, quote or line break, and puts an apostrophe before text a spreadsheet would
     * run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage return): rule titles come from anyone.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
