package io.rulescope.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process cache of rendered pages, kept per catalog.
 *
 * @param enabled off, every page is rendered on every request (benchmarks use this to measure rendering)
 * @param maxBytes the most bytes of pages kept per catalog
 */
@ConfigurationProperties("rulescope.page-cache")
public record PageCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("33554432") long maxBytes) {
}
