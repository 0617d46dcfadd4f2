package io.rulescope.match;

import java.util.List;
import java.util.Locale;

/**
 * The log source an event comes from, in Sigma's terms, as far as the event reveals it. A rule fires on an event
 * only when its {@code logsource} fits this one; a source that reveals nothing ({@link #isKnown()} false) does not
 * narrow the rules at all.
 *
 * @param categories every Sigma category the event stands for (Sysmon 13 is both {@code registry_set} and
 *     {@code registry_event})
 */
public record EventSource(String product, String service, List<String> categories, String provider, String channel,
        String eventId) {

    public static final EventSource UNKNOWN = new EventSource(null, null, List.of(), null, null, null);

    public EventSource {
        categories = List.copyOf(categories);
    }

    public boolean isKnown() {
        return product != null || service != null || !categories.isEmpty();
    }

    /**
     * Why a rule with this log source cannot fire on the event, or null when it can. Only what the event reveals is
     * compared: a rule that names a category fails on an event of a known product that stands for no category.
     */
    public String misfit(String ruleProduct, String ruleCategory, String ruleService) {
        if (!isKnown()) {
            return null;
        }
        String p = norm(ruleProduct);
        String c = norm(ruleCategory);
        String s = norm(ruleService);
        if (p != null && product != null && !p.equals(product)) {
            return "the rule reads product " + p + "; the event is " + product;
        }
        if (c != null && !categories.contains(c)) {
            return "the rule reads category " + c + "; the event is " + (categories.isEmpty() ? "in no Sigma category" : String.join(" / ", categories));
        }
        if (s != null && service != null && !s.equals(service)) {
            return "the rule reads service " + s + "; the event is from " + service;
        }
        if (s != null && service == null && c == null) {
            return "the rule reads service " + s + "; the event's service is not known";
        }
        return null;
    }

    /** One line for pages: {@code windows / process_creation / sysmon (Microsoft-Windows-Sysmon 1)}. */
    public String describe() {
        if (!isKnown() && provider == null && eventId == null) {
            return "not recognised";
        }
        StringBuilder b = new StringBuilder();
        b.append(product == null ? "?" : product);
        if (!categories.isEmpty()) {
            b.append(" / ").append(String.join(", ", categories));
        }
        if (service != null) {
            b.append(" / service ").append(service);
        }
        if (provider != null || eventId != null) {
            b.append(" (").append(provider == null ? "" : provider).append(eventId == null ? "" : (provider == null ? "event " : " ") + eventId).append(')');
        }
        return b.toString();
    }

    private static String norm(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
