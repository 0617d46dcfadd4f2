package io.rulescope.system.security;

import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * CSRF protection where a browser brings ambient credentials: a session cookie. A change sent with a session needs the
 * form's token; a request that signs itself in (HTTP Basic, a bearer token) carries no cookie an attacker could borrow,
 * and one with no session has nothing to borrow (it answers 401). Pasting an event or a rule to read the answer
 * (match, convert) changes nothing and needs no token.
 *
 * <p>Forms get the token only where there is a session, so that a page read anonymously creates none: those pages are
 * cached and shared, and a token in them would be everyone's.
 */
final class SessionCsrf implements CsrfTokenRequestHandler, RequestMatcher {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> READ_ONLY_POSTS = Set.of("/match", "/convert", "/api/match", "/api/match/batch", "/api/convert");

    private final XorCsrfTokenRequestAttributeHandler tokens = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public boolean matches(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || request.getHeader("Authorization") != null) {
            return false;
        }
        String path = request.getRequestURI();
        if (READ_ONLY_POSTS.contains(path) || (path.startsWith("/rules/") && path.endsWith("/test"))) {
            return false;
        }
        return request.getRequestedSessionId() != null || path.equals("/sign-in") || path.equals("/sign-out");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        if (request.getSession(false) != null || request.getRequestURI().equals("/sign-in")) {
            tokens.handle(request, response, token);
        }
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        return tokens.resolveCsrfTokenValue(request, token);
    }
}
