package io.rulescope.attack;

import java.util.List;

/** The facts Rulescope keeps from an ATT&CK release: tactics in matrix order and every technique. */
public record AttackData(List<Tactic> tactics, List<Technique> techniques) {
}
