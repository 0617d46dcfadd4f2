package io.rulescope.ingest.read;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.rulescope.dialect.Layout;
import io.rulescope.query.Macro;

/** What a security_content tree carries besides detections: macros, data source and story definitions. */
public final class SupportingData {

    private final Map<String, Macro> macros = new ConcurrentHashMap<>();
    /** Named texts by table ("stories", "data sources"), each by name. */
    private final Map<String, Map<String, String>> texts = new ConcurrentHashMap<>();

    void add(Layout definition, String sourceName) {
        if (definition instanceof Layout.MacroDefinition m) {
            if (m.name() != null) {
                Macro macro = new Macro(m.name(), m.arguments(), m.definition(), sourceName);
                macros.put(macro.key(), macro);
            }
        } else if (definition instanceof Layout.NamedText t) {
            if (t.name() != null) {
                texts.computeIfAbsent(t.table(), k -> new ConcurrentHashMap<>()).put(t.name(), t.text());
            }
        } else {
            throw new IllegalArgumentException(definition + " is not supporting data");
        }
    }

    /** Adds everything {@code other} holds; where both name the same thing, {@code other}'s wins. */
    public void addAll(SupportingData other) {
        macros.putAll(other.macros);
        other.texts.forEach((table, byName) -> texts.computeIfAbsent(table, k -> new ConcurrentHashMap<>()).putAll(byName));
    }

    /** Its tables as plain maps, as snapshots save them. */
    public record Tables(HashMap<String, Macro> macros, HashMap<String, HashMap<String, String>> texts) {
    }

    public Tables tables() {
        HashMap<String, HashMap<String, String>> copies = new HashMap<>();
        texts.forEach((table, byName) -> copies.put(table, new HashMap<>(byName)));
        return new Tables(new HashMap<>(macros), copies);
    }

    public static SupportingData of(Tables tables) {
        SupportingData data = new SupportingData();
        data.macros.putAll(tables.macros());
        tables.texts().forEach((table, byName) -> data.texts.put(table, new ConcurrentHashMap<>(byName)));
        return data;
    }

    public Map<String, Macro> macros() {
        return Map.copyOf(macros);
    }

    /** How many of each kind it holds, macros first, then the named texts by table name. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        counts.put("macros", macros.size());
        new java.util.TreeMap<>(texts).forEach((table, byName) -> counts.put(table, byName.size()));
        return counts;
    }
}
