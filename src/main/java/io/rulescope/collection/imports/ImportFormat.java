package io.rulescope.collection.imports;

import java.util.Optional;

/** What teams already have that says which rules they run. */
public enum ImportFormat {
    /** Splunk {@code savedsearches.conf}: stanzas matched by ESCU title, then by search text. */
    SAVEDSEARCHES("savedsearches", "Splunk savedsearches.conf"),
    /** A Sentinel analytic-rules export (ARM template JSON): matched by rule id, then by name. */
    SENTINEL_ARM("sentinel-arm", "Microsoft Sentinel analytic rules (ARM template)"),
    /** An Elastic detection-rules export (NDJSON): matched by {@code rule_id}. */
    ELASTIC_NDJSON("elastic-ndjson", "Elastic detection rules (NDJSON)"),
    /** An ATT&CK Navigator layer: its techniques become a search for the user to confirm. */
    NAVIGATOR("navigator", "ATT&CK Navigator layer");

    private final String id;
    private final String label;

    ImportFormat(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<ImportFormat> of(String id) {
        for (ImportFormat f : values()) {
            if (f.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
