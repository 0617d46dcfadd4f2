package io.rulescope.history;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One version of a rule: the commit that made it, where the rule was then, and what changed against the version
 * before, in the terms a detection engineer reads.
 *
 * @param title the rule's title in this version (its last one, for a removal)
 * @param kind how the rule's file changed in this commit
 * @param blob the git object id of the file at this commit, to read its text again
 */
public record RuleVersion(String commit, Instant date, String author, String message, String title, String path, String blob,
        Kind kind, Changes changes) {

    public enum Kind {
        ADDED, MODIFIED, MOVED, REMOVED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The commit's first line, for lists. */
    public String subject() {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    public String shortCommit() {
        return commit.substring(0, Math.min(10, commit.length()));
    }

    /**
     * What changed against the previous version; for the first version, everything the rule tests is "added".
     *
     * @param fieldsChanged names of the rule's fields whose value changed ({@code title}, {@code status},
     *     {@code severity}, {@code description}, {@code query} (for Sigma, the detection block), {@code tactics},
     *     {@code path})
     */
    public record Changes(List<IndicatorRef> indicatorsAdded, List<IndicatorRef> indicatorsRemoved, List<String> attackAdded,
            List<String> attackRemoved, List<String> fieldsChanged) {

        public static final Changes NONE = new Changes(List.of(), List.of(), List.of(), List.of(), List.of());

        /** The versions' changes taken together, oldest first: what was added and later removed cancels out. */
        public static Changes net(List<RuleVersion> newestFirst) {
            Set<RuleVersion.IndicatorRef> added = new LinkedHashSet<>();
            Set<RuleVersion.IndicatorRef> removed = new LinkedHashSet<>();
            Set<String> attackAdded = new LinkedHashSet<>();
            Set<String> attackRemoved = new LinkedHashSet<>();
            Set<String> fields = new LinkedHashSet<>();
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                Changes c = newestFirst.get(i).changes();
                c.indicatorsAdded().forEach(x -> {
                    if (!removed.remove(x)) {
                        added.add(x);
                    }
                });
                c.indicatorsRemoved().forEach(x -> {
                    if (!added.remove(x)) {
                        removed.add(x);
                    }
                });
                c.attackAdded().forEach(x -> {
                    if (!attackRemoved.remove(x)) {
                        attackAdded.add(x);
                    }
                });
                c.attackRemoved().forEach(x -> {
                    if (!attackAdded.remove(x)) {
                        attackRemoved.add(x);
                    }
                });
                fields.addAll(c.fieldsChanged());
            }
            return new Changes(List.copyOf(added), List.copyOf(removed), List.copyOf(attackAdded), List.copyOf(attackRemoved),
                    List.copyOf(fields));
        }

        public boolean isEmpty() {
            return indicatorsAdded.isEmpty() && indicatorsRemoved.isEmpty() && attackAdded.isEmpty() && attackRemoved.isEmpty()
                    && fieldsChanged.isEmpty();
        }

        /** One line for lists and feeds: "+2 indicators, -1 indicator, +T1059.001, status". */
        public String summary() {
            List<String> parts = new java.util.ArrayList<>();
            if (!indicatorsAdded.isEmpty()) {
                parts.add("+" + count(indicatorsAdded.size(), "indicator"));
            }
            if (!indicatorsRemoved.isEmpty()) {
                parts.add("-" + count(indicatorsRemoved.size(), "indicator"));
            }
            attackAdded.forEach(t -> parts.add("+" + t));
            attackRemoved.forEach(t -> parts.add("-" + t));
            parts.addAll(fieldsChanged);
            return parts.isEmpty() ? "no change to what it detects" : String.join(", ", parts);
        }

        private static String count(int n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }
    }

    /** One indicator as it is compared across versions: field as written, kind, value and polarity. */
    public record IndicatorRef(String field, String kind, String value, String polarity) {

        @Override
        public String toString() {
            return field + " " + kind + (value == null ? "" : " " + value) + ("exclude".equals(polarity) ? " (exclude)" : "");
        }
    }
}
