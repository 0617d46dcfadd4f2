package io.rulescope.indicator;

import java.util.List;

import io.rulescope.query.QueryAnalysis;

/** The anatomy sections of a rule page and of {@code /api/rules/{id}}: stages, indicators, terms, events. */
public record RuleAnatomy(List<StageView> stages, List<IndicatorGroup> indicators, List<QueryAnalysis.SearchTerm> searchTerms,
        List<EventRow> eventCoverage, List<String> behaviours, List<String> notes, String unsupported) {

    /**
     * @param predicates each predicate of the stage in one line, with its polarity
     * @param expression the stage's boolean structure in one line
     * @param depth 0 for the query's own stages, more for the stages of a sub-query inside the stage before
     */
    public record StageView(int n, String command, String text, List<String> predicates, String expression,
            String expansion, String note, int depth) {
    }

    /** Indicators sharing field, kind and polarity, with each value and how many other rules share it. */
    public record IndicatorGroup(String field, String dataModel, String canonicalField, String kind, String polarity,
            List<String> modifiers, List<ValueCount> values) {

        /** The canonical name where it says more than the field as written (not just another letter case). */
        public String canonicalIfDifferent() {
            return canonicalField.equalsIgnoreCase(field) ? null : canonicalField;
        }

        /**
         * The values a page shows before "show all": a few rules list thousands (hash lists), and a page of 2 MB helps
         * no reader and costs every other one; the JSON API and {@code ?values=all} still give them all.
         */
        public List<ValueCount> shown(boolean all) {
            int limit = all ? MAX_SHOWN_VALUES : SHOWN_VALUES;
            return values.size() <= limit ? values : values.subList(0, limit);
        }

        /** How many values {@link #shown} leaves out. */
        public int hidden(boolean all) {
            return values.size() - shown(all).size();
        }
    }

    /** How many values of one indicator group a rule page shows unless asked for all. */
    public static final int SHOWN_VALUES = 50;
    /**
     * The most values of one group even {@code ?values=all} shows: a 1 MB rule of 50,000 values made a 20 MB page. The
     * page says how many more there are, and the JSON API gives every one.
     */
    public static final int MAX_SHOWN_VALUES = 2_000;

    /**
     * One log event a rule reads: {@code Sysmon | Event ID 1 | Process creation}, with the canonical events it stands
     * for ("Process creation") where the event vocabulary knows it.
     */
    public record EventRow(String provider, String event, String title, List<String> behaviours) {

        public EventRow(String provider, String event, String title) {
            this(provider, event, title, List.of());
        }

        /** The event as search and the vocabulary name it: {@code Sysmon 1}, {@code Elastic (ECS) event.category:process}. */
        public String key() {
            return provider + " " + number();
        }

        /** The event without its {@code Event ID} label: {@code 1}, {@code StopLogging}, {@code event.category:process}. */
        public String number() {
            return event.startsWith("Event ID ") ? event.substring("Event ID ".length()) : event;
        }

        EventRow withBehaviours(List<String> names) {
            return new EventRow(provider, event, title, List.copyOf(names));
        }
    }

    /** @param corpus how many other rules in the catalog have the same indicator; {@code href} lists them */
    public record ValueCount(String value, int corpus, String href) {

        /** The corpus link's tooltip. */
        public String corpusTitle() {
            return corpus == 1 ? "1 other rule" : corpus + " other rules";
        }
    }
}
