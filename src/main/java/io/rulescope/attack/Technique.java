package io.rulescope.attack;

import java.util.List;

/**
 * One ATT&CK technique or sub-technique, as facts only: id, name, the tactics it belongs to (short names,
 * e.g. {@code execution}) and whether MITRE has withdrawn it.
 */
public record Technique(String id, String name, List<String> tactics, boolean deprecated, boolean revoked) {

    public boolean isSubTechnique() {
        return id.indexOf('.') > 0;
    }

    /** The parent technique id ({@code T1059} for {@code T1059.001}); the id itself for a technique. */
    public String parentId() {
        int dot = id.indexOf('.');
        return dot > 0 ? id.substring(0, dot) : id;
    }

    public boolean isWithdrawn() {
        return deprecated || revoked;
    }

    public String url() {
        return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
    }
}
