package io.rulescope.web.account;

import java.time.Duration;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import io.rulescope.account.Grants;
import io.rulescope.account.Role;

/** The signed-in user as the account pages show them, and the grants a token made now would carry. */
public record Accounts(String name, List<String> roles, List<String> sources, boolean admin) {

    static final List<Integer> LIFETIMES_DAYS = List.of(30, 90, 365, 0);

    static Accounts of(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_") && !a.equals("ROLE_ANONYMOUS")).map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT)).toList();
        return new Accounts(authentication.getName(), roles, List.copyOf(Grants.sources(authentication)), Grants.has(authentication, Role.ADMIN));
    }

    static List<String> grantsOf(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> (a.startsWith("ROLE_") && !a.equals("ROLE_ANONYMOUS")) || a.startsWith(Grants.SOURCE_PREFIX)).toList();
    }

    /** 0 days: a token that does not expire. */
    static Duration lifetime(int days) {
        if (!LIFETIMES_DAYS.contains(days)) {
            throw new IllegalArgumentException("A token lives 30, 90 or 365 days, or without end (0).");
        }
        return days == 0 ? null : Duration.ofDays(days);
    }
}
