package io.rulescope.history.store;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.rulescope.history.RuleVersion;

/**
 * A version's changes as one JSON column: they are always read whole with their version and never queried by part.
 */
@Converter
class ChangesColumn implements AttributeConverter<RuleVersion.Changes, String> {

    @Override
    public String convertToDatabaseColumn(RuleVersion.Changes changes) {
        return HistoryJson.MAPPER.writeValueAsString(changes);
    }

    @Override
    public RuleVersion.Changes convertToEntityAttribute(String json) {
        return HistoryJson.MAPPER.readValue(json, RuleVersion.Changes.class);
    }
}
