package io.rulescope.convert;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The rule files a SIEM imports, by the query languages they hold. */
public enum ExportFormat {

    /** Splunk's {@code savedsearches.conf}: a stanza per rule, as an app's default/ directory holds them. */
    SAVEDSEARCHES("savedsearches", "Splunk savedsearches.conf", "savedsearches.conf", "text/plain", Set.of("spl")),
    /** An ARM template of Microsoft Sentinel scheduled analytics rules, which the Sentinel portal imports. */
    SENTINEL_ARM("sentinel-arm", "Microsoft Sentinel analytics rules (ARM template)", "sentinel-analytics.json", "application/json", Set.of("kql")),
    /** Microsoft Sentinel analytics rules in the YAML of Azure-Sentinel's Detections folder, one document per rule. */
    SENTINEL_YAML("sentinel-yaml", "Microsoft Sentinel analytics rules (YAML)", "sentinel-analytics.yaml", "application/yaml", Set.of("kql")),
    /** Elastic Security detection rules as NDJSON, which Security's "Import rules" takes. */
    ELASTIC_NDJSON("elastic-ndjson", "Elastic Security detection rules (NDJSON)", "elastic-rules.ndjson", "application/x-ndjson",
            Set.of("lucene", "eql", "esql"));

    private final String id;
    private final String label;
    private final String fileName;
    private final String mediaType;
    private final Set<String> languages;

    ExportFormat(String id, String label, String fileName, String mediaType, Set<String> languages) {
        this.id = id;
        this.label = label;
        this.fileName = fileName;
        this.mediaType = mediaType;
        this.languages = languages;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String fileName() {
        return fileName;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The files a target's queries can be imported in, the usual one first. */
    public static List<ExportFormat> forTarget(Target target) {
        return Arrays.stream(values()).filter(f -> f.languages.contains(target.language())).toList();
    }

    public static Optional<ExportFormat> byId(String id) {
        String key = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(key)).findFirst();
    }
}
