package io.rulescope.collection.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splunk's {@code savedsearches.conf}, read as Splunk reads .conf files: {@code [stanza]} headers, {@code key = value}
 * lines, a backslash at the end of a line continuing the value, {@code #} comments. ESCU names its stanzas
 * {@code ESCU - <title> - Rule}; other apps name them by title. {@code [default]} is not a search.
 */
final class SavedSearchesFile {

    private SavedSearchesFile() {
    }

    static List<ImportedItem> read(String text) {
        List<ImportedItem> items = new ArrayList<>();
        String stanza = null;
        Map<String, String> keys = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        boolean sawStanza = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.startsWith("[") && stripped.endsWith("]")) {
                add(items, stanza, keys);
                stanza = stripped.substring(1, stripped.length() - 1).strip();
                keys = new LinkedHashMap<>();
                sawStanza = true;
                continue;
            }
            if (stripped.isEmpty() || stripped.startsWith("#") || stanza == null) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            StringBuilder value = new StringBuilder(line.substring(eq + 1).strip());
            while (value.length() > 0 && value.charAt(value.length() - 1) == '\\' && i + 1 < lines.length) {
                value.setLength(value.length() - 1);
                value.append('\n').append(lines[++i]);
            }
            keys.put(line.substring(0, eq).strip(), value.toString());
        }
        add(items, stanza, keys);
        if (!sawStanza) {
            throw new ImportProblem("This is not a savedsearches.conf: it has no [stanza] line.");
        }
        return items;
    }

    private static void add(List<ImportedItem> items, String stanza, Map<String, String> keys) {
        if (stanza == null || stanza.equalsIgnoreCase("default")) {
            return;
        }
        List<String> titles = new ArrayList<>();
        titles.add(stanza);
        String escu = stanza;
        if (escu.startsWith("ESCU - ")) {
            escu = escu.substring("ESCU - ".length());
        }
        if (escu.endsWith(" - Rule")) {
            escu = escu.substring(0, escu.length() - " - Rule".length());
        }
        if (!escu.equals(stanza)) {
            titles.add(escu.strip());
        }
        items.add(new ImportedItem("[" + stanza + "]", List.of(), titles, keys.get("search")));
    }
}
