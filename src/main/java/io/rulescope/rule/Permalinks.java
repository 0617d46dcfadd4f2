package io.rulescope.rule;

import org.springframework.web.util.UriUtils;

/** The one place that knows how permalinks are spelled; they are handed out once and must keep working. */
public final class Permalinks {

    private Permalinks() {
    }

    public static String of(String ruleId) {
        return "/rules/" + UriUtils.encodePathSegment(ruleId, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The permalink of one rule among several sharing an id: the id plus the catalog's own key. */
    public static String of(String ruleId, String uid) {
        return of(ruleId) + "/" + uid;
    }
}
