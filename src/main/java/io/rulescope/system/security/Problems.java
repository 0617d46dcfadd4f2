package io.rulescope.system.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What a request that needs sign-in, or more rights, is told. The API answers problem details (401 with the ways to
 * sign in, 403); a page sends the browser to sign in and back, or shows the error page.
 */
final class Problems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CHALLENGE = "Basic realm=\"rulescope\", Bearer realm=\"rulescope\"";

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator/");
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (isApi(request) || request.getHeader("Authorization") != null) {
            unauthorized(request, response, "sign-in is required: HTTP Basic as a local user, or Authorization: Bearer <personal access token>");
            return;
        }
        String next = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        response.sendRedirect("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        String reason = e.getClass().getSimpleName().contains("Csrf")
                ? "this form has expired or did not come from Rulescope (its CSRF token is missing or wrong); reload the page and try again"
                : "your role does not allow this";
        if (isApi(request)) {
            write(response, HttpStatus.FORBIDDEN, reason, null);
            return;
        }
        request.setAttribute("rulescope.forbidden", reason);
        response.sendError(HttpServletResponse.SC_FORBIDDEN, reason);
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        write(response, HttpStatus.UNAUTHORIZED, reason, CHALLENGE);
    }

    private static void write(HttpServletResponse response, HttpStatus status, String reason, String challenge) throws IOException {
        response.setStatus(status.value());
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String detail = json(reason);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":" + json(status.getReasonPhrase()) + ",\"status\":" + status.value()
                + ",\"detail\":" + detail + ",\"error\":" + detail + "}");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
