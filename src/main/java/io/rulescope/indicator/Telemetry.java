package io.rulescope.indicator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rulescope.rule.Rule;

/**
 * What a rule reads, in one model for every platform: the events ({@code Sysmon 1}, {@code Security 4688},
 * {@code AWS CloudTrail StopLogging}), the activities they record ({@code process_creation}), the canonical events
 * those stand for ("Process creation", whichever platform names it), Sigma's log source (product, category, service)
 * and data source names, declared (ESCU) or derived from the events in ESCU's spelling, so
 * {@code datasource:"Sysmon EventID 1"} finds the Sigma process_creation rules too.
 */
public record Telemetry(List<String> events, List<String> activities, List<EventVocabulary.CanonicalEvent> canonicalEvents,
        List<String> products, List<String> services, List<String> categories, List<String> dataSources) {

    /** The {@code event:} value every rule that reads a known event has. */
    public static final String ANY_EVENT = "any";

    public static final Telemetry NONE = new Telemetry(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    static Telemetry of(Rule rule, List<RuleAnatomy.EventRow> rows, EventTables tables) {
        Set<String> events = new LinkedHashSet<>();
        Set<String> activities = new LinkedHashSet<>();
        Set<String> dataSources = new LinkedHashSet<>(rule.getDataSources());
        Map<String, List<EventTables.EventRef>> categories = tables.sigmaCategories();
        for (RuleAnatomy.EventRow row : rows) {
            String number = row.number();
            events.add(row.key());
            switch (row.provider()) {
                case "Sysmon" -> dataSources.add("Sysmon EventID " + number);
                case "Security", "System" -> dataSources.add("Windows Event Log " + row.provider() + " " + number);
                case "AWS CloudTrail" -> dataSources.add("AWS CloudTrail " + number);
                default -> {
                }
            }
            EventTables.QueryTable table = tables.queryTable(row.event());
            if (table != null && table.category() != null && !row.provider().startsWith("Sysmon")) {
                activities.add(table.category());
            }
            categories.forEach((category, refs) -> refs.stream()
                    .filter(ref -> ref.provider().equals(row.provider()) && ref.event().equals(number))
                    .findAny().ifPresent(ref -> activities.add(category)));
        }
        if (rule.getLogsourceCategory() != null) {
            activities.add(rule.getLogsourceCategory().toLowerCase(Locale.ROOT));
        }
        return new Telemetry(List.copyOf(events), List.copyOf(activities), canonicalEvents(rule, events, tables.vocabulary()),
                one(rule.getLogsourceProduct()),
                one(rule.getLogsourceService()), one(rule.getLogsourceCategory()), List.copyOf(dataSources));
    }

    /** The canonical events of a rule's concrete events and Sigma log source, in the vocabulary's order. */
    static List<EventVocabulary.CanonicalEvent> canonicalEvents(Rule rule, Set<String> events, EventVocabulary vocabulary) {
        Set<EventVocabulary.CanonicalEvent> found = new java.util.HashSet<>();
        events.forEach(e -> found.addAll(vocabulary.ofSource(e)));
        found.addAll(vocabulary.ofSigmaCategory(rule.getLogsourceCategory()));
        if (rule.getLogsourceCategory() == null) {
            found.addAll(vocabulary.ofService(rule.getLogsourceProduct(), rule.getLogsourceService()));
        }
        return vocabulary.events().stream().filter(found::contains).toList();
    }

    private static List<String> one(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.strip().toLowerCase(Locale.ROOT));
    }

    /** How {@code event:} values are compared: {@code Sysmon EventID 1}, {@code sysmon 1} and {@code Sysmon Event ID 1} are one. */
    public static String eventKey(String written) {
        return written.strip().toLowerCase(Locale.ROOT).replaceAll("\\b(event ?id|eventcode|event)\\b", " ")
                .replaceAll("\\s+", " ").strip();
    }
}
