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
        String p = norm(ruleProduct);
        String c = norm(ruleCategory);
        String s = norm(ruleService);
        return switch (misfitKind(p, c, s)) {
            case PRODUCT -> "the rule reads product " + p + "; the event is " + product;
            case CATEGORY -> "the rule reads category " + c + "; the event is "
                    + (categories.isEmpty() ? "in no Sigma category" : String.join(" / ", categories));
            case SERVICE -> "the rule reads service " + s + "; the event is from " + service;
            case SERVICE_UNKNOWN -> "the rule reads service " + s + "; the event's service is not known";
            default -> null;
        };
    }

    /**
     * Whether a rule with this log source, already {@linkplain #norm normalised}, can fire on the event: {@link #misfit}
     * without putting it in words, for the matcher's per-event checks of every distinct log source.
     */
    boolean fitsNormalised(String ruleProduct, String ruleCategory, String ruleService) {
        return misfitKind(ruleProduct, ruleCategory, ruleService) == FITS;
    }

    private static final int FITS = 0;
    private static final int PRODUCT = 1;
    private static final int CATEGORY = 2;
    private static final int SERVICE = 3;
    private static final int SERVICE_UNKNOWN = 4;

    /** @param p the rule's product, c category, s service, each normalised */
    private int misfitKind(String p, String c, String s) {
        if (!isKnown()) {
            return FITS;
        }
        if (p != null && product != null && !p.equals(product)) {
            return PRODUCT;
        }
        if (c != null && !categories.contains(c)) {
            return CATEGORY;
        }
        if (s != null && service != null && !s.equals(service)) {
            return SERVICE;
        }
        if (s != null && service == null && c == null) {
            return SERVICE_UNKNOWN;
        }
        return FITS;
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

    /** A rule's log source value as events are compared with it: trimmed, lower-cased, null when blank. */
    static String norm(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
