package io.rulescope.match;

import java.util.ArrayList;
import java.util.List;

/** Walks a compiled detection on one event and writes down every part's result, for the rule's test page. */
final class Tracer {

    /** Rows kept for one rule; a rule listing thousands of hashes is summarised past this. */
    static final int MAX_ROWS = 1_500;

    private final EventFields event;
    private final List<RuleTrace.Row> rows = new ArrayList<>();
    private boolean truncated;

    Tracer(EventFields event) {
        this.event = event;
    }

    boolean walk(Node node, int depth) {
        int at = rows.size();
        if (node instanceof Node.Named named) {
            add(depth, "identifier", named.name());
            return set(at, walk(named.inner(), depth + 1));
        }
        if (node instanceof Node.And and) {
            add(depth, "all", "all of");
            boolean value = true;
            for (Node part : and.parts()) {
                value &= walk(part, depth + 1);
            }
            return set(at, value);
        }
        if (node instanceof Node.Or or) {
            add(depth, "any", "any of");
            boolean value = false;
            for (Node part : or.parts()) {
                value |= walk(part, depth + 1);
            }
            return set(at, value);
        }
        if (node instanceof Node.Not not) {
            add(depth, "not", "not");
            return set(at, !walk(not.inner(), depth + 1));
        }
        if (node instanceof Leaf leaf) {
            EventFields.Value v = leaf.firstMatch(event);
            if (!add(depth, "predicate", leaf.describe())) {
                return v != null;
            }
            rows.set(at, new RuleTrace.Row(depth, "predicate", leaf.describe(), v != null, v == null ? null : v.field(), v == null ? null : v.text()));
            return v != null;
        }
        if (node instanceof Node.Never never) {
            add(depth, "predicate", never.reason());
            return false;
        }
        add(depth, "predicate", "always true (selects data, does not test the event)");
        return set(at, true);
    }

    private boolean add(int depth, String kind, String label) {
        if (rows.size() >= MAX_ROWS) {
            truncated = true;
            return false;
        }
        rows.add(new RuleTrace.Row(depth, kind, label, false, null, null));
        return true;
    }

    private boolean set(int at, boolean value) {
        if (at < rows.size()) {
            RuleTrace.Row r = rows.get(at);
            rows.set(at, new RuleTrace.Row(r.depth(), r.kind(), r.label(), value, r.eventField(), r.eventValue()));
        }
        return value;
    }

    List<RuleTrace.Row> rows() {
        return List.copyOf(rows);
    }

    boolean truncated() {
        return truncated;
    }
}
