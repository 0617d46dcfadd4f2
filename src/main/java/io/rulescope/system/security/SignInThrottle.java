package io.rulescope.system.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password guessing against local users, through the sign-in form or HTTP Basic: after {@value #MAX_FAILURES} wrong
 * passwords for one user name from one address, that pair is refused without a password check until
 * {@link #WINDOW} has passed since its first failure. Keyed by address as well, so a stranger cannot lock a colleague
 * out from elsewhere. Every failure and refusal is logged with the user name and address, for the audit the security
 * team will ask for.
 */
final class SignInThrottle implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final AuthenticationProvider passwords;
    private final Cache<String, AtomicInteger> failures;

    SignInThrottle(AuthenticationProvider passwords) {
        this(passwords, Ticker.systemTicker());
    }

    SignInThrottle(AuthenticationProvider passwords, Ticker ticker) {
        this.passwords = passwords;
        this.failures = Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).ticker(ticker).build();
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String user = printable(attempt.getName());
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "-";
        String key = user + "\u0000" + address;
        AtomicInteger failed = failures.getIfPresent(key);
        if (failed != null && failed.get() >= MAX_FAILURES) {
            log.warn("Sign-in refused without a password check: {} failed {} times from {} within {} minutes", user, failed.get(),
                    address, WINDOW.toMinutes());
            throw new LockedException("Too many failed sign-ins; try again in " + WINDOW.toMinutes() + " minutes.");
        }
        try {
            Authentication done = passwords.authenticate(attempt);
            failures.invalidate(key);
            // HTTP Basic signs every API request in: the sign-in a person makes is logged by SignInSuccess instead.
            log.debug("Password accepted: {} from {}", user, address);
            return done;
        } catch (BadCredentialsException e) {
            // The window starts at the first failure: computeIfAbsent writes the entry once.
            int n = failures.asMap().computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            log.warn("Sign-in failed: {} from {} ({} of {} before a pause)", user, address, n, MAX_FAILURES);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    /** A user name as typed, safe for one log line. */
    static String printable(String name) {
        String s = name == null ? "" : name.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
