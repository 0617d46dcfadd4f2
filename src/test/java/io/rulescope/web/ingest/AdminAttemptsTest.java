package io.rulescope.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Guessing the admin token is slowed to a few tries a minute per address; other addresses are not affected. */
class AdminAttemptsTest {

    private Instant now = Instant.parse("2026-12-07T00:00:00Z");
    private final AdminAttempts attempts = new AdminAttempts(new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void afterFiveFailuresInAMinuteAnAddressWaitsForTheRestOfItsMinute() {
        for (int i = 1; i <= AdminAttempts.ALLOWED; i++) {
            assertThat(attempts.waitSeconds("10.0.0.1")).as("before failure %d", i).isZero();
            attempts.failed("10.0.0.1");
        }

        now = now.plus(Duration.ofSeconds(20));
        assertThat(attempts.waitSeconds("10.0.0.1")).isEqualTo(40);
        assertThat(attempts.waitSeconds("10.0.0.2")).as("another address").isZero();

        now = now.plus(Duration.ofSeconds(40));
        assertThat(attempts.waitSeconds("10.0.0.1")).as("a new minute").isZero();
    }
}
