package io.rulescope.rule;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a rule's format by its name; a format is read back as the instance its dialect declared. */
@Converter
class RuleFormatConverter implements AttributeConverter<RuleFormat, String> {

    @Override
    public String convertToDatabaseColumn(RuleFormat format) {
        return format == null ? null : format.name();
    }

    @Override
    public RuleFormat convertToEntityAttribute(String name) {
        return name == null ? null : RuleFormat.named(name)
                .orElseThrow(() -> new IllegalStateException("no rule format is named " + name));
    }
}
