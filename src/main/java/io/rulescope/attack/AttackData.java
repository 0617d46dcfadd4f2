package io.rulescope.attack;

import java.util.List;

/**
 * The facts Rulescope keeps from an ATT&CK release: tactics in matrix order, every technique, and how to name the
 * release ({@code v18.1}, or the date of the newest object in a bundle).
 */
public record AttackData(List<Tactic> tactics, List<Technique> techniques, String release) {

    public AttackData(List<Tactic> tactics, List<Technique> techniques) {
        this(tactics, techniques, "unnamed release");
    }
}
