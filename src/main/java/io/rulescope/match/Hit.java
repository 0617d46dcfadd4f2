package io.rulescope.match;

/**
 * A rule predicate that matched, with the event value it matched: what the page highlights and the API lists.
 *
 * @param field the field as the rule writes it ({@code null} for a keyword)
 * @param kind how the rule compares ({@code endswith}, {@code re}, {@code keyword})
 * @param value the rule's value as written
 * @param eventField the field as the event names it
 */
public record Hit(String field, String kind, String value, String eventField, String eventValue) {
}
