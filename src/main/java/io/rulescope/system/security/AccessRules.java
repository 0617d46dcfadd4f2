package io.rulescope.system.security;

import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import io.rulescope.account.Grants;
import io.rulescope.account.Role;
import io.rulescope.account.SecurityProperties;

/**
 * Who may make which request, in one place and one pass over the path: every page and API answer goes through this,
 * and a list of twenty path patterns tried one after another cost a visible share of a cached answer's time.
 * <ul>
 * <li>sign-in, static files, health and info, error pages: anyone;</li>
 * <li>{@code POST /api/refresh}: anyone (the endpoint checks the admin token, or a signed-in admin, itself);</li>
 * <li>{@code /account}, {@code /api/account}: anyone signed in;</li>
 * <li>a change (POST, PUT, PATCH, DELETE) to {@code /collections} or {@code /api/collections}: editors;</li>
 * <li>everything else: anyone, or anyone signed in with {@code rulescope.security.read=authenticated}.</li>
 * </ul>
 */
final class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final boolean readNeedsSignIn;

    AccessRules(SecurityProperties properties) {
        this.readNeedsSignIn = properties.getRead() == SecurityProperties.Read.AUTHENTICATED;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        if (open(path) || ("POST".equals(method) && path.equals("/api/refresh"))) {
            return new AuthorizationDecision(true);
        }
        if (path.startsWith("/account") || path.startsWith("/api/account")) {
            return new AuthorizationDecision(signedIn(authentication.get()));
        }
        if (CHANGES.contains(method) && (path.startsWith("/collections") || path.startsWith("/api/collections"))) {
            return new AuthorizationDecision(Grants.has(authentication.get(), Role.EDITOR));
        }
        return new AuthorizationDecision(!readNeedsSignIn || signedIn(authentication.get()));
    }

    static boolean open(String path) {
        return path.equals("/sign-in") || path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.svg")
                || path.equals("/error") || path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.equals("/actuator/info");
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
