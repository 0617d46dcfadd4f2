package io.rulescope.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Exposed to templates as {@code @times}: instants and durations as people read them, not as ISO with nanoseconds. */
@Component("times")
public class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** {@code 2026-12-07 00:57:22 UTC}; empty for none. */
    public String at(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }

    /** {@code 850 ms}, {@code 7.3 s}, {@code 2 min 5 s}. */
    public String took(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return millis / 60_000 + " min " + (millis % 60_000) / 1000 + " s";
    }
}
