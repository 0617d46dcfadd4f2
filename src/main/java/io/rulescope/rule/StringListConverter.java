package io.rulescope.rule;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a short list of strings as one text column, one entry per line. A rule's lists (references, techniques,
 * group-by fields) are read and written whole, so a join table per list would only slow ingest down.
 */
@Converter
class StringListConverter implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToDatabaseColumn(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        // Entries are single-line by construction (Rule normalises them), so a newline is a safe separator.
        return String.join("\n", values);
    }

    @Override
    public List<String> convertToEntityAttribute(String column) {
        return column == null || column.isEmpty() ? List.of() : List.copyOf(Arrays.asList(column.split("\n", -1)));
    }
}
