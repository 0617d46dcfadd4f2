package io.rulescope.system.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.RequestMatcher;

import io.rulescope.account.SecurityProperties;

/**
 * A request that only reads and comes from no one in particular: a GET or HEAD with no session and no credentials,
 * where reading needs no sign-in, to a path that is neither signing in nor an account. {@link AccessRules} lets every
 * such request through, as anonymous; there is no session to load, no one to authenticate and no form to protect,
 * so it takes a chain without those filters, which cost a cached answer as much again as the answer itself.
 */
final class AnonymousReading implements RequestMatcher {

    private final boolean readNeedsSignIn;

    AnonymousReading(SecurityProperties properties) {
        this.readNeedsSignIn = properties.getRead() == SecurityProperties.Read.AUTHENTICATED;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (readNeedsSignIn || request.getRequestedSessionId() != null || request.getHeader("Authorization") != null) {
            return false;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/account") || path.startsWith("/api/account") || path.startsWith("/sign-") || path.startsWith("/login")
                || path.startsWith("/oauth2") || path.startsWith("/logout"));
    }
}
