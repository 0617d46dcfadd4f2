package io.rulescope.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

class SignInThrottleTest {

    final AtomicLong nanos = new AtomicLong();
    final SignInThrottle throttle = new SignInThrottle(new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
            User.withUsername("ada").password("{noop}right").roles("EDITOR").build())), nanos::get);

    static Authentication attempt(String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated("ada", password);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    void failFiveTimesFrom(String address) {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThatThrownBy(() -> throttle.authenticate(attempt("wrong", address))).isInstanceOf(BadCredentialsException.class);
        }
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneIsRefusedFromThatAddressUntilTheWindowHasPassed() {
        failFiveTimesFrom("10.0.0.9");

        assertThatThrownBy(() -> throttle.authenticate(attempt("right", "10.0.0.9"))).isInstanceOf(LockedException.class)
                .hasMessage("Too many failed sign-ins; try again in 15 minutes.");
        nanos.addAndGet(SignInThrottle.WINDOW.plusSeconds(1).toNanos());
        assertThat(throttle.authenticate(attempt("right", "10.0.0.9")).isAuthenticated()).isTrue();
    }

    @Test
    void guessesFromOneAddressDoNotLockTheUserOutElsewhere() {
        failFiveTimesFrom("10.0.0.9");

        assertThat(throttle.authenticate(attempt("right", "10.0.0.7")).isAuthenticated()).isTrue();
    }

    @Test
    void aSuccessfulSignInForgetsTheFailuresBeforeIt() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            assertThatThrownBy(() -> throttle.authenticate(attempt("wrong", "10.0.0.9"))).isInstanceOf(BadCredentialsException.class);
        }
        throttle.authenticate(attempt("right", "10.0.0.9"));

        assertThatThrownBy(() -> throttle.authenticate(attempt("wrong", "10.0.0.9"))).isInstanceOf(BadCredentialsException.class);
        assertThat(throttle.authenticate(attempt("right", "10.0.0.9")).isAuthenticated()).isTrue();
    }
}
