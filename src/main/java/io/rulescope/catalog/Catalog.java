package io.rulescope.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import io.rulescope.indicator.Counterparts;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.match.EventMatcher;
import io.rulescope.query.Macro;
import io.rulescope.rule.CatalogSummary;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.SearchIndex;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one ingest produced, as one immutable value: the rules, their analyses and corpus counts, the search
 * index, the home page totals and the report. Ingest builds a catalog off to the side and {@link CatalogHolder}
 * publishes it with one reference swap, so a request that takes the catalog once sees one ingest, never half of two.
 *
 * <p>Answers derived from a catalog (rendered pages, search answers, views) are cached in {@link #cache} and die with
 * it. A catalog is reference counted: the holder owns one reference while it is current, each request one more; the
 * last release closes its index.
 */
public final class Catalog {

    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private final long generation;
    private final String key;
    private final RuleSet rules;
    private final IndicatorIndex indicators;
    private final SearchIndex index;
    private final CatalogSummary summary;
    private final IngestReport report;
    private final Map<String, Macro> macros;
    private final CompletableFuture<EventMatcher> matcher;
    private final Map<CacheKind<?, ?>, Cache<?, ?>> caches;
    /** Set once a successor with only another index took the caches over; releasing this catalog then keeps them. */
    private volatile boolean cachesHandedOn;
    private final AtomicInteger references = new AtomicInteger(1);
    /** Names of the sources only some readers may see; empty when every source is public. */
    private final Set<String> privateSources;
    /** Whom this catalog answers: everyone for a catalog as built, fewer for a view without some private sources. */
    private final Audience audience;
    private final Narrowing narrowing;
    /** The views of this catalog without some private sources, made on first use and closed with it. */
    private final Map<Audience, Catalog> views;
    /** Made on first use (a rule page's "same detection elsewhere"); immutable once made. */
    private volatile Counterparts counterparts;

    /**
     * @param key what the catalog is a function of (source contents or commits, settings, ATT&CK, build); two
     *     catalogs with one key answer every request the same way
     * @param macros the SPL macro definitions the rules were analysed with
     */
    public Catalog(long generation, String key, RuleSet rules, IndicatorIndex indicators, SearchIndex index,
            CatalogSummary summary, IngestReport report, Map<String, Macro> macros) {
        this(generation, key, rules, indicators, index, summary, report, macros, CompletableFuture.completedFuture(EventMatcher.EMPTY));
    }

    /**
     * @param matcher the catalog's rules compiled to run on events ({@code /match}); it may still be compiling when
     *     the catalog is published, since every other page can serve without it
     */
    public Catalog(long generation, String key, RuleSet rules, IndicatorIndex indicators, SearchIndex index,
            CatalogSummary summary, IngestReport report, Map<String, Macro> macros, CompletableFuture<EventMatcher> matcher) {
        this(generation, key, rules, indicators, index, summary, report, macros, matcher, new ConcurrentHashMap<>());
    }

    /**
     * A catalog with private sources: {@code narrowing} makes the view each audience may read ({@link #viewFor}).
     */
    public Catalog(long generation, String key, RuleSet rules, IndicatorIndex indicators, SearchIndex index,
            CatalogSummary summary, IngestReport report, Map<String, Macro> macros, CompletableFuture<EventMatcher> matcher,
            Set<String> privateSources, Narrowing narrowing) {
        this(generation, key, rules, indicators, index, summary, report, macros, matcher, new ConcurrentHashMap<>(), privateSources,
                Audience.EVERYTHING, narrowing, new ConcurrentHashMap<>());
    }

    private Catalog(long generation, String key, RuleSet rules, IndicatorIndex indicators, SearchIndex index, CatalogSummary summary,
            IngestReport report, Map<String, Macro> macros, CompletableFuture<EventMatcher> matcher, Map<CacheKind<?, ?>, Cache<?, ?>> caches) {
        this(generation, key, rules, indicators, index, summary, report, macros, matcher, caches, Set.of(), Audience.EVERYTHING,
                null, new ConcurrentHashMap<>());
    }

    private Catalog(long generation, String key, RuleSet rules, IndicatorIndex indicators, SearchIndex index, CatalogSummary summary,
            IngestReport report, Map<String, Macro> macros, CompletableFuture<EventMatcher> matcher, Map<CacheKind<?, ?>, Cache<?, ?>> caches,
            Set<String> privateSources, Audience audience, Narrowing narrowing, Map<Audience, Catalog> views) {
        this.privateSources = Set.copyOf(privateSources);
        this.audience = audience;
        this.narrowing = narrowing;
        this.views = views;
        this.caches = caches;
        this.matcher = matcher;
        this.generation = generation;
        this.key = key;
        this.rules = rules;
        this.indicators = indicators;
        this.index = index;
        this.summary = summary;
        this.report = report;
        this.macros = Map.copyOf(macros);
    }

    /**
     * This catalog with its rules indexed another way (its index merged into one segment), as a new generation. It
     * answers every request as this one does, so it takes this one's caches over: the merge lands a few seconds after
     * a start, under the first traffic, and rebuilding every rule view and page then cost as much as building them.
     */
    public Catalog withIndex(long nextGeneration, SearchIndex otherIndex) {
        cachesHandedOn = true;
        Catalog next = new Catalog(nextGeneration, key, rules, indicators, otherIndex, summary, report, macros, matcher, caches,
                privateSources, audience, narrowing, views);
        next.counterparts = counterparts;
        return next;
    }

    /**
     * Makes the view of a catalog that one audience may read: the catalog again without the rules of the sources the
     * audience may not see, with its own counts, index, matcher and report. Ingest supplies it; the catalog cannot
     * rebuild an index by itself.
     */
    @FunctionalInterface
    public interface Narrowing {
        Catalog narrow(Catalog full, Audience audience);
    }

    /**
     * What {@code reader} may read of this catalog: this catalog itself where they may see every source it holds,
     * otherwise its view without the others, made on first use (an index build of the rules left) and kept as long as
     * this catalog serves.
     */
    public Catalog viewFor(Audience reader) {
        if (!reader.isRestricted() || privateSources.isEmpty()) {
            return this;
        }
        if (audience.isRestricted()) {
            throw new IllegalStateException("a view is not narrowed again: ask the catalog it was made from");
        }
        Set<String> hidden = new TreeSet<>(reader.hidden());
        hidden.retainAll(privateSources);
        if (hidden.isEmpty()) {
            return this;
        }
        if (narrowing == null) {
            throw new IllegalStateException("catalog " + generation + " has private sources but no way to leave them out");
        }
        return views.computeIfAbsent(new Audience(hidden), a -> {
            long started = System.nanoTime();
            Catalog view = narrowing.narrow(this, a);
            log.info("Made the view of catalog {} without {}: {} of {} rules, in {} ms", generation, a.hidden(), view.rules().size(),
                    rules.size(), (System.nanoTime() - started) / 1_000_000);
            return view;
        });
    }

    /**
     * A view of {@code full} for {@code audience}, made by a {@link Narrowing}: it answers under its own key, so its
     * cached pages and ETags are never another audience's.
     */
    public static Catalog view(Catalog full, Audience audience, RuleSet rules, IndicatorIndex indicators, SearchIndex index,
            CatalogSummary summary, IngestReport report, CompletableFuture<EventMatcher> matcher) {
        return new Catalog(full.generation, full.key + "~" + String.join("~", audience.hidden()), rules, indicators, index, summary,
                report, full.macros, matcher, new ConcurrentHashMap<>(), full.privateSources, audience, null, new ConcurrentHashMap<>());
    }

    /** Names of the sources only readers granted them may see. */
    public Set<String> privateSources() {
        return privateSources;
    }

    /** Whom this catalog answers; {@link Audience#EVERYTHING} unless it is a view without private sources. */
    public Audience audience() {
        return audience;
    }

    /** Whether this catalog's readers may see what comes from {@code source} (history, collections, refreshes). */
    public boolean shows(String source) {
        return audience.sees(source);
    }

    /** The rules of other platforms that detect what each rule detects. */
    public Counterparts counterparts() {
        Counterparts made = counterparts;
        if (made == null) {
            synchronized (this) {
                made = counterparts;
                if (made == null) {
                    long started = System.nanoTime();
                    made = Counterparts.of(rules.all(), indicators);
                    counterparts = made;
                    log.info("Compared the {} rules of catalog {} for the same detection elsewhere in {} ms", rules.size(), generation,
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
        }
        return made;
    }

    /** Whether the two catalogs keep one set of caches (one is the other with only its index merged). */
    public boolean sharesCachesWith(Catalog other) {
        return other.caches == caches;
    }

    /** Whether {@code other} still answers for this catalog: it shares its caches, or is one of its audiences' views. */
    public boolean stillServes(Catalog other) {
        return sharesCachesWith(other) || views.containsValue(other);
    }

    /** The stand-in served before the first ingest finishes: no rules, and a report that says it is loading. */
    public static Catalog loading() {
        return new Catalog(0, "", RuleSet.EMPTY, IndicatorIndex.EMPTY, SearchIndex.EMPTY, CatalogSummary.EMPTY,
                IngestReport.starting(java.time.Instant.now()), Map.of());
    }

    /** Counts up with every published catalog; 0 for the stand-in. */
    public long generation() {
        return generation;
    }

    public String key() {
        return key;
    }

    public RuleSet rules() {
        return rules;
    }

    public IndicatorIndex indicators() {
        return indicators;
    }

    public SearchIndex index() {
        return index;
    }

    public CatalogSummary summary() {
        return summary;
    }

    public IngestReport report() {
        return report;
    }

    public Map<String, Macro> macros() {
        return macros;
    }

    /** The matcher, waiting for it when it is still being compiled (about a second after a catalog is published). */
    public EventMatcher matcher() {
        return matcher.join();
    }

    /** False only for the stand-in served while the first ingest runs. */
    public boolean isReady() {
        return generation > 0;
    }

    /**
     * This catalog's cache of one kind, made on first use. What is cached here is valid exactly as long as the
     * catalog's answers, so nothing ever needs evicting on publish. Only answers belong here, nothing tied to the
     * index's segments: a successor from {@link #withIndex} keeps these caches.
     */
    @SuppressWarnings("unchecked") // each cache is made by its own kind, so it holds that kind's types
    public <K, V> Cache<K, V> cache(CacheKind<K, V> kind) {
        return (Cache<K, V>) caches.computeIfAbsent(kind, k -> kind.create(this));
    }

    /** Takes a reference; false if the catalog was already released for good (the caller takes the newer one). */
    boolean tryAcquire() {
        while (true) {
            int n = references.get();
            if (n <= 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the index and drops the caches. */
    void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            if (!cachesHandedOn) {
                caches.values().forEach(Cache::invalidateAll);
                caches.clear();
                views.values().forEach(Catalog::release);
                views.clear();
            }
            try {
                index.close();
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("Could not close the index of catalog {}: {}", generation, e.toString());
            }
            log.debug("Released catalog {}", generation);
        } else if (left < 0) {
            throw new IllegalStateException("catalog " + generation + " released more often than acquired");
        }
    }

    /** How many holders it has now (the holder while current, plus requests in flight); for tests. */
    public int references() {
        return references.get();
    }

    @Override
    public String toString() {
        return "Catalog " + generation + " (" + rules.size() + " rules)";
    }
}
