package io.rulescope.search;

/** The simple filters of the browse page; null or blank means "any". */
public record RuleFilter(String platform, String source, String status, String tactic) {

    public static final RuleFilter NONE = new RuleFilter(null, null, null, null);

    public boolean isEmpty() {
        return blank(platform) && blank(source) && blank(status) && blank(tactic);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
