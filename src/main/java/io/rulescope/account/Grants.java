package io.rulescope.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Roles and private-source grants as Spring Security authorities: {@code ROLE_EDITOR}, {@code SOURCE_acme}. One
 * spelling, read back the same way whether the user signed in with a password, a token or OpenID Connect.
 */
public final class Grants {

    public static final String SOURCE_PREFIX = "SOURCE_";

    private Grants() {
    }

    public static List<GrantedAuthority> authorities(Collection<String> roles, Collection<String> sources, String configuredAt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String name : roles) {
            Role role = Role.named(name).orElseThrow(() -> new IllegalStateException(
                    configuredAt + " names the role '" + name + "'; the roles are viewer, editor and admin"));
            authorities.add(new SimpleGrantedAuthority(role.authority()));
        }
        for (String source : sources) {
            if (!source.isBlank()) {
                authorities.add(new SimpleGrantedAuthority(SOURCE_PREFIX + source.strip()));
            }
        }
        return new ArrayList<>(authorities);
    }

    public static boolean has(Authentication authentication, Role role) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        for (GrantedAuthority a : authentication.getAuthorities()) {
            Role held = Role.named(a.getAuthority().replaceFirst("^ROLE_", "")).orElse(null);
            if (held != null && a.getAuthority().startsWith("ROLE_") && held.compareTo(role) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The private sources the user was granted by name (an admin reads them all, which callers check with {@link #has}). */
    public static Set<String> sources(Authentication authentication) {
        Set<String> sources = new LinkedHashSet<>();
        if (authentication != null && authentication.isAuthenticated()) {
            for (GrantedAuthority a : authentication.getAuthorities()) {
                if (a.getAuthority().startsWith(SOURCE_PREFIX)) {
                    sources.add(a.getAuthority().substring(SOURCE_PREFIX.length()));
                }
            }
        }
        return sources;
    }
}
