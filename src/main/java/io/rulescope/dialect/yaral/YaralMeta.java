package io.rulescope.dialect.yaral;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a rule's {@code meta:} section, {@code key = "value"} per line, into a map. A key given more than once keeps
 * every value, as a list, in order. Values are strings, as rule files give them; bare words and numbers stay text.
 */
final class YaralMeta {

    private YaralMeta() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String section) {
        Map<String, Object> meta = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            String value = value(line.substring(eq + 1).strip());
            Object earlier = meta.get(key);
            if (earlier == null) {
                meta.put(key, value);
            } else if (earlier instanceof List<?> list) {
                ((List<Object>) list).add(value);
            } else {
                meta.put(key, new ArrayList<>(List.of(earlier, value)));
            }
        }
        return meta;
    }

    /** A quoted value without its quotes and escapes; a bare one up to a comment. */
    private static String value(String raw) {
        if (raw.startsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length()) {
                    out.append(raw.charAt(++i));
                } else if (c == '"') {
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        int comment = raw.indexOf("//");
        return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }
}
