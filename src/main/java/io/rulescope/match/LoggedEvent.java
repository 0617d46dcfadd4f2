package io.rulescope.match;

import java.util.List;

/**
 * One event as read from what was pasted: its fields as written, in order (a field may repeat, as array elements
 * do), the log source they reveal, and what the reader wants the user to know (lines it skipped).
 *
 * @param shape how the event was recognised: {@code evtx-json}, {@code json}, {@code xml} or {@code key=value}
 */
public record LoggedEvent(String shape, List<Field> fields, EventSource source, List<String> notes) {

    public LoggedEvent {
        fields = List.copyOf(fields);
        notes = List.copyOf(notes);
    }

    public record Field(String name, String value) {
    }

    public LoggedEvent withSource(EventSource other) {
        return new LoggedEvent(shape, fields, other, notes);
    }
}
