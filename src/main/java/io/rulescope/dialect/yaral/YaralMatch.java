package io.rulescope.dialect.yaral;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rule's {@code match:} section: the placeholders its events are grouped by and the window ({@code over 1h}). */
record YaralMatch(List<String> placeholders, String window) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$[A-Za-z0-9_]+");
    private static final Pattern WINDOW = Pattern.compile("(?i)\\bover\\s+([0-9]+\\s*[a-z]+)");

    static YaralMatch of(String section) {
        if (section == null) {
            return new YaralMatch(List.of(), null);
        }
        String text = section.replaceAll("//[^\\n]*", "");
        Matcher over = WINDOW.matcher(text);
        String window = over.find() ? over.group(1).replaceAll("\\s+", "") : null;
        List<String> placeholders = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(over.find(0) ? text.substring(0, over.start()) : text);
        while (m.find()) {
            placeholders.add(m.group());
        }
        return new YaralMatch(List.copyOf(placeholders), window);
    }
}
