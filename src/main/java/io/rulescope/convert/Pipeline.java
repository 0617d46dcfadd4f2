package io.rulescope.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rulescope.dialect.QueryWriter;

/**
 * A field-mapping pipeline ({@code content/convert/pipelines.yml}): how a Sigma rule's log source and field names
 * become one SIEM's. Where the events are (a table, a data model, index patterns), conditions that select the rule's
 * log source there ({@code source="WinEventLog:Security"}), and the name of each field in that data.
 *
 * @param strict whether a field the pipeline does not map cannot be used, since the data has no such column
 * @param prefix put before a field the pipeline does not map, or null
 * @param products the Sigma products it maps; empty for every product
 * @param services conditions added for a Sigma service, by service
 */
public record Pipeline(String id, String name, boolean strict, String prefix, List<String> indexes, List<String> products,
        Map<String, String> fields, Map<String, Map<String, String>> services, List<SourceMapping> sources) {

    /**
     * The renames and whereabouts for some log sources, by Sigma category or service.
     *
     * @param values per Sigma field (lower-cased), how a value's beginning is written in this data ({@code HKLM\} as
     *        {@code HKEY_LOCAL_MACHINE\})
     */
    public record SourceMapping(List<String> categories, List<String> services, String table, String dataModel, Map<String, String> conditions,
            Map<String, String> fields, Map<String, Map<String, String>> values) {

        boolean covers(LogSource source) {
            return source.category() != null && categories.contains(source.category())
                    || source.service() != null && services.contains(source.service());
        }
    }

    /**
     * The pipeline as it applies to one rule's log source.
     *
     * @param problem why the rule cannot be taken there at all (no table for its log source), or null
     * @param conditions field and value pairs every converted query must also match, in order
     */
    public record Applied(Pipeline pipeline, QueryWriter.Source source, Map<String, String> conditions, String problem,
            Map<String, String> renames, List<String> columns, Map<String, Map<String, String>> values) {

        /** No pipeline: fields as the rule writes them, read from anywhere. */
        public static final Applied NONE = new Applied(null, QueryWriter.Source.ANY, Map.of(), null, Map.of(), List.of(), Map.of());

        /** A value of a Sigma field as this data writes it: its beginning rewritten where the pipeline says so. */
        public String value(String field, String value) {
            Map<String, String> prefixes = values.get(field.toLowerCase(Locale.ROOT));
            if (prefixes == null || value == null) {
                return value;
            }
            for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
                if (value.regionMatches(true, 0, prefix.getKey(), 0, prefix.getKey().length())) {
                    return prefix.getValue() + value.substring(prefix.getKey().length());
                }
            }
            return value;
        }

        /** The field's name in the target's data, or null when a strict pipeline has no such column. */
        public String rename(String field) {
            String key = field.toLowerCase(Locale.ROOT);
            String renamed = renames.get(key);
            if (renamed != null) {
                return renamed;
            }
            if (pipeline == null || !pipeline.strict()) {
                return pipeline != null && pipeline.prefix() != null && !field.contains(".") ? pipeline.prefix() + field : field;
            }
            return columns.contains(key) ? field : null;
        }
    }

    /** The pipeline for a rule's log source; a rule of a product it does not map keeps its fields. */
    public Applied apply(LogSource source) {
        if (!products.isEmpty() && (source.product() == null || !products.contains(source.product()))) {
            return new Applied(null, new QueryWriter.Source(null, indexes, null, List.of()), Map.of(), null, Map.of(), List.of(), Map.of());
        }
        SourceMapping mapping = sources.stream().filter(m -> m.covers(source)).findFirst().orElse(null);
        Map<String, String> renames = new LinkedHashMap<>();
        if (mapping != null) {
            mapping.fields().forEach((from, to) -> renames.putIfAbsent(from.toLowerCase(Locale.ROOT), to));
        }
        fields.forEach((from, to) -> renames.putIfAbsent(from.toLowerCase(Locale.ROOT), to));
        List<String> columns = renames.values().stream().map(c -> c.toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, String> conditions = new LinkedHashMap<>();
        if (source.service() != null && services.containsKey(source.service())) {
            conditions.putAll(services.get(source.service()));
        }
        if (mapping != null) {
            conditions.putAll(mapping.conditions());
        }
        String problem = null;
        if (strict && mapping == null) {
            problem = name + " has no " + (sources.stream().anyMatch(m -> m.dataModel() != null) ? "data model" : "table")
                    + " for the log source " + source;
        }
        List<String> groupBy = mapping == null || mapping.dataModel() == null ? List.of() : new ArrayList<>(new java.util.LinkedHashSet<>(mapping.fields().values()));
        QueryWriter.Source where = new QueryWriter.Source(mapping == null ? null : mapping.table(), indexes,
                mapping == null ? null : mapping.dataModel(), groupBy);
        return new Applied(this, where, conditions, problem, renames, columns, mapping == null ? Map.of() : mapping.values());
    }
}
