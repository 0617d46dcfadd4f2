package io.rulescope.match;

import io.rulescope.query.FieldTaxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event's values looked up the way rules name them: by canonical field name ({@code Image}, CIM
 * {@code process_path} and ECS {@code process.executable} are one field), each value also lower-cased once for the
 * case-insensitive tests. A process name is derived from a process path when the event has none, as the CIM does.
 */
final class EventFields {

    /** One value of the event: the field as the event names it, the text, and the text lower-cased. */
    record Value(String field, String text, String lower) {
    }

    private static final Map<String, String> DERIVED_NAMES = Map.of("process.executable", "process.name",
            "process.parent.executable", "process.parent.name");

    private final Map<String, List<Value>> byKey = new HashMap<>();
    private final List<Value> all = new ArrayList<>();

    private EventFields() {
    }

    static EventFields of(LoggedEvent event, FieldTaxonomy taxonomy) {
        return of(event, name -> key(taxonomy, name));
    }

    /** @param keyOf how an event's field name becomes the key rules use (a memo of {@link #key}) */
    static EventFields of(LoggedEvent event, java.util.function.UnaryOperator<String> keyOf) {
        EventFields fields = new EventFields();
        for (LoggedEvent.Field f : event.fields()) {
            fields.add(keyOf.apply(f.name()), f.name(), f.value());
        }
        DERIVED_NAMES.forEach((path, name) -> {
            if (!fields.byKey.containsKey(name)) {
                for (Value v : fields.get(path)) {
                    int slash = Math.max(v.text().lastIndexOf('\\'), v.text().lastIndexOf('/'));
                    fields.byKey.computeIfAbsent(name, k -> new ArrayList<>(1))
                            .add(value(v.field() + " (name)", v.text().substring(slash + 1)));
                }
            }
        });
        return fields;
    }

    /** How rules' and events' field names meet: the canonical name, lower-cased. */
    static String key(FieldTaxonomy taxonomy, String field) {
        return taxonomy.canonical(field).toLowerCase(Locale.ROOT);
    }

    private void add(String key, String field, String text) {
        Value v = value(field, text);
        byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(v);
        all.add(v);
    }

    private static Value value(String field, String text) {
        String t = text == null ? "" : text;
        return new Value(field, t, t.toLowerCase(Locale.ROOT));
    }

    List<Value> get(String key) {
        List<Value> values = byKey.get(key);
        return values == null ? List.of() : values;
    }

    boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** Every value, for keyword tests that look at the whole event. */
    List<Value> all() {
        return all;
    }

    Map<String, List<Value>> byKey() {
        return byKey;
    }
}
