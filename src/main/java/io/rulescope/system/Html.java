package io.rulescope.system;

import org.springframework.web.util.HtmlUtils;

/** HTML escaping for markup written in Java (the matrix grid, highlighted rule sources). */
public final class Html {

    private Html() {
    }

    /**
     * Text and attribute values with {@code < > & " '} escaped, so no value can close an attribute or open a tag.
     * Nearly every piece has nothing to escape and comes back as it is: the escaper's copy of each was a twentieth of
     * a matrix page.
     */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '<' || c == '>' || c == '&' || c == '"' || c == '\'') {
                return HtmlUtils.htmlEscape(value, "UTF-8");
            }
        }
        return value;
    }
}
