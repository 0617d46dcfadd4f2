package io.rulescope.attack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An ATT&CK tactic: {@code TA0002}, short name {@code execution}, display name, and its column in the matrix. A tactic
 * a rule declares but the loaded ATT&CK does not have ({@code stealth} before v19 is loaded) has no id: it is kept
 * under its own name rather than dropped or swapped for another.
 */
public record Tactic(String id, String shortName, String name, int order) {

    /** Columns of declared tactics the loaded ATT&CK lacks come after its own. */
    static final int UNKNOWN_ORDER = 1_000;

    /** A declared tactic the loaded ATT&CK does not know: {@code defense-impairment} is "Defense Impairment". */
    public static Tactic unknown(String declared) {
        String shortName = declared.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        String name = Arrays.stream(shortName.split("-")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining(" "));
        return new Tactic(null, shortName, name, UNKNOWN_ORDER);
    }

    public boolean isKnown() {
        return id != null;
    }

    /** Where its page is: the id for ATT&CK's tactics, the short name for declared unknown ones. */
    public String key() {
        return isKnown() ? id : shortName;
    }

    public String url() {
        return isKnown() ? "https://attack.mitre.org/tactics/" + id + "/" : "https://attack.mitre.org/tactics/enterprise/";
    }
}
