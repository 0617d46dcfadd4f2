package io.rulescope.account;

/**
 * Where sign-in returns to: the page that asked for it, carried by the sign-in form ({@code next}) or kept in the
 * session while an OpenID Connect provider is visited; only ever a path of this site, never an open redirect.
 */
public final class SignInRedirect {

    /** The session attribute that keeps {@code next} during an OpenID Connect sign-in. */
    public static final String NEXT = "rulescope.next";
    public static final String HOME = "/collections";

    private SignInRedirect() {
    }

    public static String safe(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length() > 2000
                || next.chars().anyMatch(c -> c < 0x20 || c == '\\')) {
            return HOME;
        }
        return next;
    }
}
