package io.rulescope.match;

import java.util.Locale;

/**
 * A matched predicate as the page shows it: the event value split around the part the rule's value matched, so the
 * page can mark it (escaped like everything else; the split is plain text).
 */
public record HitView(String field, String kind, String value, String eventField, String before, String mark, String after) {

    /** Event values longer than this are shown cut around the match. */
    static final int MAX_SHOWN = 400;

    public static HitView of(Hit hit) {
        String text = hit.eventValue() == null ? "" : hit.eventValue();
        int at = -1;
        int len = 0;
        String needle = hit.value() == null ? "" : hit.value().replace("*", "").toLowerCase(Locale.ROOT);
        if (!needle.isEmpty() && !"re".equals(hit.kind()) && !"cidr".equals(hit.kind())) {
            at = text.toLowerCase(Locale.ROOT).indexOf(needle);
            len = needle.length();
        }
        if (at < 0) {
            return new HitView(hit.field(), hit.kind(), hit.value(), hit.eventField(), "", cut(text), "");
        }
        String before = text.substring(0, at);
        String after = text.substring(at + len);
        if (before.length() > MAX_SHOWN / 2) {
            before = "…" + before.substring(before.length() - MAX_SHOWN / 2);
        }
        if (after.length() > MAX_SHOWN / 2) {
            after = after.substring(0, MAX_SHOWN / 2) + "…";
        }
        return new HitView(hit.field(), hit.kind(), hit.value(), hit.eventField(), before, text.substring(at, at + len), after);
    }

    private static String cut(String s) {
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "…" : s;
    }
}
