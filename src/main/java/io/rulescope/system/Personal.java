package io.rulescope.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request may be answered for one person rather than for everyone: it brings a session (signed in, or on the
 * way) or credentials. Such answers are neither cached for others nor tagged with the catalog-wide ETag. Decided from
 * the request alone: a session or credentials make an answer personal, whoever they turn out to belong to.
 */
final class Personal {

    private Personal() {
    }

    static boolean is(HttpServletRequest request) {
        return request.getRequestedSessionId() != null || request.getHeader("Authorization") != null;
    }
}
