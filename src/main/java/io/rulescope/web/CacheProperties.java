package io.rulescope.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many answers each catalog keeps per kind; the cache of rendered pages is sized in bytes by
 * {@code rulescope.page-cache.max-bytes}.
 *
 * @param searchAnswers answers of {@code /api/search}
 * @param matrices ATT&amp;CK matrices of searches
 * @param ruleViews rule views (the anatomy, similar rules, highlighted source), built in the background for every rule
 *     up to this many, which bounds their heap on corpora many times the size of the public ones
 */
@ConfigurationProperties("rulescope.cache")
public record CacheProperties(@DefaultValue("2000") int searchAnswers, @DefaultValue("200") int matrices,
        @DefaultValue("25000") int ruleViews) {

    /** The defaults, for slices and tools that build components by hand. */
    public static final CacheProperties DEFAULTS = new CacheProperties(2_000, 200, 25_000);
}
