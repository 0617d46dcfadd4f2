package io.rulescope.query;

import java.util.Locale;

/** How an indicator's value is matched. Names are the ones pages, URLs and the API use. */
public enum Kind {
    EQ, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD, RE, CIDR, GT, GTE, LT, LTE,
    /** The field is present (SPL {@code field=*}, {@code isnotnull()}, Sigma {@code |exists: true}). */
    EXISTS,
    /** The field is empty or absent (Sigma {@code null}, SPL {@code isnull()}). */
    NULL,
    /** Compared with another field rather than a literal (Sigma {@code |fieldref}, SPL {@code where a!=b}). */
    FIELDREF;

    /** Made once: leaves, keys and pages ask for it hundreds of thousands of times per catalog. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    public static Kind parse(String label) {
        return valueOf(label.trim().toUpperCase(Locale.ROOT));
    }

    /** Kinds whose value is text compared the platform's way, so case folding applies to corpus counts. */
    public boolean isTextMatch() {
        return this == EQ || this == CONTAINS || this == STARTSWITH || this == ENDSWITH || this == WILDCARD;
    }

    /**
     * Reads a wildcard pattern as the kind it really is: {@code *x*} contains, {@code x*} startswith, {@code *x}
     * endswith, other wildcards wildcard, a lone {@code *} exists. Returns the kind and the value without the
     * outer wildcards.
     */
    public static Match fromPattern(String pattern) {
        if (pattern.equals("*") || pattern.equals("**")) {
            return new Match(EXISTS, null);
        }
        boolean lead = pattern.startsWith("*");
        boolean trail = pattern.endsWith("*");
        String core = pattern.substring(lead ? 1 : 0, pattern.length() - (trail ? 1 : 0));
        if (core.contains("*")) {
            return new Match(WILDCARD, pattern);
        }
        if (lead && trail) {
            return new Match(CONTAINS, core);
        }
        if (lead) {
            return new Match(ENDSWITH, core);
        }
        if (trail) {
            return new Match(STARTSWITH, core);
        }
        return new Match(EQ, pattern);
    }

    public record Match(Kind kind, String value) {
    }
}
