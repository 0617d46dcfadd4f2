package io.rulescope.match;

import io.rulescope.indicator.EventTables;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Works out an event's Sigma log source from what it says about itself: the Windows channel or provider and event
 * ID (with the tables in {@code content/events/}), or the fields that only one kind of log has (CloudTrail's
 * {@code eventSource} and {@code eventName}).
 */
final class EventSources {

    /** Provider names as events write them, to the short names the event tables use. */
    private static final Map<String, String> PROVIDERS = Map.of("microsoft-windows-sysmon", "Sysmon",
            "microsoft-windows-security-auditing", "Security", "microsoft-windows-powershell", "PowerShell", "powershell",
            "PowerShell", "microsoft-windows-windows defender", "Microsoft Defender", "service control manager", "System",
            "microsoft-windows-eventlog", "Security");

    private final EventTables tables;

    EventSources(EventTables tables) {
        this.tables = tables;
    }

    EventSource of(List<LoggedEvent.Field> fields) {
        Map<String, String> first = new HashMap<>();
        for (LoggedEvent.Field f : fields) {
            first.putIfAbsent(f.name().toLowerCase(Locale.ROOT), f.value());
        }
        String provider = any(first, "provider_name", "winlog.provider_name", "event.provider", "providername");
        String channel = any(first, "channel", "winlog.channel", "log.channel");
        String eventId = any(first, "eventid", "winlog.event_id", "event.code", "eventcode");
        if (first.containsKey("eventsource") && first.containsKey("eventname")
                && (first.containsKey("awsregion") || first.containsKey("eventversion") || first.containsKey("recipientaccountid"))) {
            return new EventSource("aws", "cloudtrail", List.of(), first.get("eventsource"), null, first.get("eventname"));
        }
        EventTables.Channel known = tables.channel(channel);
        String shortProvider = known != null ? known.provider() : provider == null ? null : PROVIDERS.get(provider.toLowerCase(Locale.ROOT));
        boolean windows = known != null || shortProvider != null || provider != null && provider.startsWith("Microsoft-Windows-");
        if (!windows) {
            return new EventSource(null, null, List.of(), provider, channel, eventId);
        }
        List<String> categories = shortProvider == null || eventId == null ? List.of() : tables.categoriesOf(shortProvider, eventId.strip());
        return new EventSource("windows", known == null ? null : known.service(), categories, provider, channel, eventId);
    }

    private static String any(Map<String, String> first, String... names) {
        for (String name : names) {
            String v = first.get(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** The source with the user's choices put over what the event revealed; blank choices change nothing. */
    static EventSource override(EventSource found, String product, String category, String service) {
        if (blank(product) && blank(category) && blank(service)) {
            return found;
        }
        return new EventSource(blank(product) ? found.product() : product.strip().toLowerCase(Locale.ROOT),
                blank(service) ? found.service() : service.strip().toLowerCase(Locale.ROOT),
                blank(category) ? found.categories() : List.of(category.strip().toLowerCase(Locale.ROOT)), found.provider(),
                found.channel(), found.eventId());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
