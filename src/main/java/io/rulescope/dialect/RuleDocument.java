package io.rulescope.dialect;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * One document of a rule file as a dialect maps it: where the rule's identities and source come from, its text, and
 * a place to leave warnings for the person who wrote it.
 */
public interface RuleDocument {

    /** The text of the document, as read. */
    String raw();

    void warn(String warning);

    /**
     * A rule with its catalog key (stable across restarts) and its public id: {@code declaredId}, or one derived from
     * the key when the document has none or one that cannot form a link.
     *
     * @throws MappingException if the document has no title
     */
    Rule newRule(String declaredId, String title, RuleFormat format);

    /** The date under {@code key}, or null (with a warning) when it is not one. */
    LocalDate date(Map<String, Object> doc, String key);

    /** The references that look like ATT&CK technique ids, normalised; a warning names each that does not. */
    List<String> techniqueIds(List<String> refs);
}
