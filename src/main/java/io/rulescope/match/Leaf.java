package io.rulescope.match;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.List;

/**
 * One predicate of a rule compiled against event fields: true when some value of the field passes. The subclasses
 * are the comparisons Sigma and SPL make.
 */
abstract class Leaf implements Node {

    final String key;
    final String field;
    final String kind;
    final String value;
    /** This predicate's score when no value matches, with the field present or absent; made on first use. */
    private Score missScore;
    private Score absentScore;

    Leaf(String key, String field, String kind, String value) {
        this.key = key;
        this.field = field;
        this.kind = kind;
        this.value = value;
    }

    /** The first event value this predicate accepts, or null. */
    EventFields.Value firstMatch(EventFields event) {
        List<EventFields.Value> values = event.get(key);
        for (int i = 0, n = values.size(); i < n; i++) {
            if (accepts(values.get(i), event)) {
                return values.get(i);
            }
        }
        return null;
    }

    abstract boolean accepts(EventFields.Value v, EventFields event);

    @Override
    public boolean test(EventFields event) {
        return firstMatch(event) != null;
    }

    @Override
    public long tally(EventFields event) {
        return test(event) ? Tally.of(true, 1, 1) : Tally.of(false, 0, 1);
    }

    @Override
    public Score score(EventFields event) {
        EventFields.Value v = firstMatch(event);
        if (v != null) {
            return new Score(true, 1, 1, List.of(new Hit(field, kind, value, v.field(), v.text())), List.of());
        }
        boolean absent = key != null && !event.has(key);
        Score miss = absent ? absentScore : missScore;
        if (miss == null) {
            // The same for every event, so made once (a benign race: any thread's copy is equal).
            miss = new Score(false, 0, 1, List.of(), List.of(new Missing(this, absent)));
            if (absent) {
                absentScore = miss;
            } else {
                missScore = miss;
            }
        }
        return miss;
    }

    /** A predicate that did not match, put in words when shown. */
    private record Missing(Leaf leaf, boolean absent) {
        @Override
        public String toString() {
            return leaf.describe() + (absent ? " (the event has no " + leaf.field + ")" : "");
        }
    }

    String describe() {
        return field + " " + kind + (value == null ? "" : " " + value);
    }

    /** Text compared with wildcards; several patterns when a modifier makes variants (windash, base64offset). */
    static final class Text extends Leaf {
        private final List<TextPattern> patterns;

        Text(String key, String field, String kind, String value, List<TextPattern> patterns) {
            super(key, field, kind, value);
            this.patterns = List.copyOf(patterns);
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            for (int i = 0, n = patterns.size(); i < n; i++) {
                TextPattern p = patterns.get(i);
                if (p.matches(p.isCased() ? v.text() : v.lower())) {
                    return true;
                }
            }
            return false;
        }

        List<TextPattern> patterns() {
            return patterns;
        }
    }

    /** A regular expression run by RE2/J: linear time whatever the rule wrote. Unanchored, as Sigma's {@code re}. */
    static final class Regex extends Leaf {
        private final com.google.re2j.Pattern pattern;
        private final RegexLiterals.Facts facts;

        Regex(String key, String field, String value, com.google.re2j.Pattern pattern) {
            super(key, field, "re", value);
            this.pattern = pattern;
            this.facts = RegexLiterals.of(value, (pattern.flags() & com.google.re2j.Pattern.CASE_INSENSITIVE) != 0);
        }

        /** What every match holds: the prefilter's anchor, and a check that spares the engine most values. */
        RegexLiterals.Facts facts() {
            return facts;
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            return facts.admits(v.text(), v.lower()) && engineFinds(v.text());
        }

        /** The regex engine's own answer, without the checks in front of it. */
        boolean engineFinds(String text) {
            return pattern.matcher(text).find();
        }
    }

    /** Sigma {@code |cidr}: the value is an address inside the network. */
    static final class Cidr extends Leaf {
        private final byte[] network;
        private final int bits;

        Cidr(String key, String field, String value, byte[] network, int bits) {
            super(key, field, "cidr", value);
            this.network = network;
            this.bits = bits;
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            byte[] address = Addresses.parse(v.text());
            if (address == null || address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Sigma {@code |gt}, {@code |gte}, {@code |lt}, {@code |lte}: numbers compared as numbers. */
    static final class Compare extends Leaf {
        private final BigDecimal bound;

        Compare(String key, String field, String kind, String value, BigDecimal bound) {
            super(key, field, kind, value);
            this.bound = bound;
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            BigDecimal n = Numbers.parse(v.text());
            if (n == null) {
                return false;
            }
            int c = n.compareTo(bound);
            return switch (kind) {
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        }
    }

    /** {@code |exists: true}: the field is there. */
    static final class Exists extends Leaf {
        Exists(String key, String field) {
            super(key, field, "exists", null);
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            return true;
        }
    }

    /** Sigma {@code null} (and {@code |exists: false}): the field is absent or empty. */
    static final class Null extends Leaf {
        Null(String key, String field) {
            super(key, field, "null", null);
        }

        @Override
        EventFields.Value firstMatch(EventFields event) {
            List<EventFields.Value> values = event.get(key);
            if (values.isEmpty()) {
                return new EventFields.Value(field + " (absent)", "", "");
            }
            for (EventFields.Value v : values) {
                if (v.text().isEmpty()) {
                    return v;
                }
            }
            return null;
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            return v.text().isEmpty();
        }
    }

    /** Sigma {@code |fieldref}: equal to another field of the same event (without regard to case). */
    static final class FieldRef extends Leaf {
        private final String otherKey;

        FieldRef(String key, String field, String other, String otherKey) {
            super(key, field, "fieldref", other);
            this.otherKey = otherKey;
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            for (EventFields.Value o : event.get(otherKey)) {
                if (o.lower().equals(v.lower())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A keyword (Sigma) or bare search term (SPL): any value of the event contains it. */
    static final class Keyword extends Leaf {
        private final List<TextPattern> patterns;

        Keyword(String value, List<TextPattern> patterns) {
            super(null, null, "keyword", value);
            this.patterns = List.copyOf(patterns);
        }

        @Override
        EventFields.Value firstMatch(EventFields event) {
            List<EventFields.Value> all = event.all();
            for (int i = 0, n = all.size(); i < n; i++) {
                EventFields.Value v = all.get(i);
                for (int j = 0, m = patterns.size(); j < m; j++) {
                    TextPattern p = patterns.get(j);
                    if (p.matches(p.isCased() ? v.text() : v.lower())) {
                        return v;
                    }
                }
            }
            return null;
        }

        @Override
        boolean accepts(EventFields.Value v, EventFields event) {
            return false;
        }

        @Override
        String describe() {
            return "keyword " + value;
        }

        List<TextPattern> patterns() {
            return patterns;
        }
    }

    /** Parses the addresses {@link Cidr} compares, without ever resolving a host name. */
    static final class Addresses {
        private Addresses() {
        }

        static byte[] parse(String text) {
            String t = text.strip();
            if (t.isEmpty() || t.length() > 45 || !t.matches("[0-9a-fA-F:.]+")) {
                return null;
            }
            if (t.indexOf(':') < 0 && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                return null;
            }
            try {
                return InetAddress.getByName(t).getAddress();
            } catch (java.net.UnknownHostException | RuntimeException e) {
                return null;
            }
        }
    }

    static final class Numbers {
        private Numbers() {
        }

        static BigDecimal parse(String text) {
            String t = text.strip();
            if (t.isEmpty() || t.length() > 40) {
                return null;
            }
            try {
                return t.startsWith("0x") || t.startsWith("0X") ? new BigDecimal(new java.math.BigInteger(t.substring(2), 16)) : new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
