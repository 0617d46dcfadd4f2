package io.rulescope.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.rulescope.dialect.Yamls;
import io.rulescope.query.Macro;

/** What a security_content tree carries besides detections: macros, data source and story definitions. */
public final class SupportingData {

    private final Map<String, Macro> macros = new ConcurrentHashMap<>();
    private final Map<String, String> dataSourceSourcetypes = new ConcurrentHashMap<>();
    private final Map<String, String> stories = new ConcurrentHashMap<>();

    void add(DocumentKind kind, Map<String, Object> doc, String sourceName) {
        String name = Yamls.str(doc, "name");
        if (name == null) {
            return;
        }
        switch (kind) {
            case MACRO -> {
                Macro macro = new Macro(stripArity(name), Yamls.list(doc, "arguments"),
                        doc.get("definition") == null ? "" : doc.get("definition").toString(), sourceName);
                macros.put(macro.key(), macro);
            }
            case DATA_SOURCE -> dataSourceSourcetypes.put(name, String.valueOf(Yamls.str(doc, "sourcetype")));
            case STORY -> stories.put(name, String.valueOf(Yamls.text(doc, "description")));
            default -> throw new IllegalArgumentException(kind + " is not supporting data");
        }
    }

    /** Adds everything {@code other} holds; where both name the same thing, {@code other}'s wins. */
    void addAll(SupportingData other) {
        macros.putAll(other.macros);
        dataSourceSourcetypes.putAll(other.dataSourceSourcetypes);
        stories.putAll(other.stories);
    }

    /** security_content names macros with arguments {@code name(2)}; the arity is implied by the argument list. */
    private static String stripArity(String name) {
        int paren = name.indexOf('(');
        return paren > 0 ? name.substring(0, paren).strip() : name.strip();
    }

    /** Its three tables as plain maps, as snapshots save them. */
    record Tables(HashMap<String, Macro> macros, HashMap<String, String> dataSourceSourcetypes, HashMap<String, String> stories) {
    }

    Tables tables() {
        return new Tables(new HashMap<>(macros), new HashMap<>(dataSourceSourcetypes), new HashMap<>(stories));
    }

    static SupportingData of(Tables tables) {
        SupportingData data = new SupportingData();
        data.macros.putAll(tables.macros());
        data.dataSourceSourcetypes.putAll(tables.dataSourceSourcetypes());
        data.stories.putAll(tables.stories());
        return data;
    }

    public Map<String, Macro> macros() {
        return Map.copyOf(macros);
    }

    public int macroCount() {
        return macros.size();
    }

    public int dataSourceCount() {
        return dataSourceSourcetypes.size();
    }

    public int storyCount() {
        return stories.size();
    }
}
