package io.rulescope.account;

import java.util.Locale;
import java.util.Optional;

/** What a signed-in user may do; each role includes the ones before it. */
public enum Role {
    /** Reads (private sources need their own grant). */
    VIEWER,
    /** Changes collections. */
    EDITOR,
    /** Refreshes the catalog, reads every private source, revokes anyone's tokens. */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> named(String name) {
        for (Role role : values()) {
            if (role.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
