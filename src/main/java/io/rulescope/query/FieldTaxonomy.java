package io.rulescope.query;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Folds field names to one canonical name per concept, so the same thing counts together across formats: Splunk
 * CIM and add-on names, Sigma/Sysmon/Windows names and raw vendor names. The table is data
 * ({@code content/taxonomy/fields.yml}); names it does not list fold by letter case only.
 */
public final class FieldTaxonomy {

    public static final FieldTaxonomy NONE = new FieldTaxonomy(Map.of());

    private final Map<String, String> canonicalByName = new HashMap<>();

    /** @param concepts canonical name to the names that mean it */
    public FieldTaxonomy(Map<String, List<String>> concepts) {
        concepts.forEach((canonical, names) -> {
            canonicalByName.put(canonical.toLowerCase(Locale.ROOT), canonical);
            names.forEach(name -> canonicalByName.put(name.toLowerCase(Locale.ROOT), canonical));
        });
    }

    /** The canonical name of a field, or the field itself when the taxonomy does not know it. */
    public String canonical(String field) {
        String known = canonicalByName.get(field.toLowerCase(Locale.ROOT));
        return known == null ? field : known;
    }
}
