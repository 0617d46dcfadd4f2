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

    /**
     * CloudTrail's fields as the ECS mapping of Elastic's AWS integration names them, so Elastic rules written against
     * {@code event.provider} and {@code event.action} test a raw CloudTrail record as they would its indexed form.
     */
    private static final Map<String, String> CLOUDTRAIL_AS_ECS = Map.of("aws::eventsource", "event.provider", "eventname", "event.action");

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
        if (!fields.byKey.containsKey("process.args")) {
            // ECS's process.args: the command line split into arguments, as Elastic's integrations index it
            for (Value v : fields.get("process.command_line")) {
                for (String arg : arguments(v.text())) {
                    fields.byKey.computeIfAbsent("process.args", k -> new ArrayList<>()).add(value(v.field() + " (argument)", arg));
                }
            }
        }
        if (fields.byKey.containsKey("aws::eventsource") && fields.byKey.containsKey("eventname")) {
            CLOUDTRAIL_AS_ECS.forEach((cloudTrail, ecs) -> {
                if (!fields.byKey.containsKey(ecs)) {
                    fields.get(cloudTrail).forEach(v -> fields.byKey.computeIfAbsent(ecs, k -> new ArrayList<>(1)).add(v));
                }
            });
        }
        return fields;
    }

    /** A command line split as Windows and shells do it: at spaces outside double quotes, quotes removed. */
    static List<String> arguments(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < commandLine.length() && args.size() < 256; i++) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any || !arg.isEmpty()) {
                    args.add(arg.toString());
                    arg.setLength(0);
                    any = false;
                }
            } else {
                arg.append(c);
            }
        }
        if (any || !arg.isEmpty()) {
            args.add(arg.toString());
        }
        return args;
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
