package io.rulescope.match;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on what one match request may ask of the server.
 *
 * @param maxEventBytes largest single event accepted (page and {@code POST /api/match})
 * @param maxFields most fields one event may have after flattening
 * @param maxDepth deepest nesting of a JSON or XML event
 * @param maxBatchBytes largest {@code POST /api/match/batch} body
 * @param budget time one event's full evaluation may take before the answer is cut short (and says so); also how long
 *     a request waits for a turn to be matched before it is told the server is busy
 * @param concurrency events matched at once; 0 for one per processor. Requests beyond it wait their turn in order:
 *     matching is pure CPU, so more at once only share the processors and lengthen every answer, the slowest most.
 */
@ConfigurationProperties("rulescope.match")
public record MatchProperties(@DefaultValue("262144") int maxEventBytes, @DefaultValue("2000") int maxFields,
        @DefaultValue("32") int maxDepth, @DefaultValue("16777216") long maxBatchBytes, @DefaultValue("2s") Duration budget,
        @DefaultValue("0") int concurrency) {

    public static final MatchProperties DEFAULTS = new MatchProperties(262_144, 2_000, 32, 16_777_216, Duration.ofSeconds(2), 0);

    /** Events matched at once, with 0 resolved to the processors this JVM sees. */
    public int effectiveConcurrency() {
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
}
