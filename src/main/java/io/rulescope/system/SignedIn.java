package io.rulescope.system;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;

import io.rulescope.account.Grants;
import io.rulescope.account.Role;

/** Who the page is for, as the layout's header shows it; null when no one is signed in. */
public record SignedIn(String name, boolean editor, boolean admin) {

    public static SignedIn of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return new SignedIn(authentication.getName(), Grants.has(authentication, Role.EDITOR), Grants.has(authentication, Role.ADMIN));
    }
}
