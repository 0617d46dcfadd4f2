package io.rulescope.system.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import io.rulescope.account.SignInRedirect;

/** After sign-in, back to the page that asked for it ({@link SignInRedirect}). */
final class SignInSuccess implements AuthenticationSuccessHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SignInSuccess.class);

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        log.info("Signed in: {} from {}", SignInThrottle.printable(authentication.getName()), request.getRemoteAddr());
        String next = request.getParameter("next");
        if (next == null && request.getSession(false) != null) {
            Object kept = request.getSession(false).getAttribute(SignInRedirect.NEXT);
            next = kept == null ? null : kept.toString();
            request.getSession(false).removeAttribute(SignInRedirect.NEXT);
        }
        response.sendRedirect(SignInRedirect.safe(next));
    }
}
