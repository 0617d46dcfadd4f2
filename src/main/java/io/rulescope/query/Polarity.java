package io.rulescope.query;

/** Whether a rule looks for a value ({@code match}) or rules it out ({@code exclude}, reached under a NOT). */
public enum Polarity {
    MATCH, EXCLUDE;

    public String label() {
        return this == MATCH ? "match" : "exclude";
    }

    public Polarity flip() {
        return this == MATCH ? EXCLUDE : MATCH;
    }
}
