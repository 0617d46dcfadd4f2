package io.rulescope.attack;

/** An ATT&CK tactic: {@code TA0002}, short name {@code execution}, display name, and its column in the matrix. */
public record Tactic(String id, String shortName, String name, int order) {

    public String url() {
        return "https://attack.mitre.org/tactics/" + id + "/";
    }
}
