package io.rulescope.ingest;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Audience;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestReport;
import io.rulescope.history.RuleHistories;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.build.IngestPipeline;
import io.rulescope.ingest.build.IngestRun;
import io.rulescope.ingest.history.GitHistory;
import io.rulescope.ingest.history.HistoryService;
import io.rulescope.ingest.publish.CatalogPublisher;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.setup.IngestThreads;
import io.rulescope.ingest.snapshot.CatalogSnapshots;
import io.rulescope.ingest.source.Leftovers;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceScanner;
import io.rulescope.ingest.sync.SourceSync;
import io.rulescope.match.EventMatcher;
import io.rulescope.rule.Rule;
import io.rulescope.search.RuleIndex;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Builds catalogs from the configured sources and publishes them: once at start-up, in the background so pages can
 * say "loading" meanwhile, and again on every refresh. A refresh builds the new catalog off to the side while the
 * current one keeps serving, and one that fails leaves the current one in place. One bad file never stops an ingest:
 * each problem is recorded and ingest moves on.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    static final int REFRESHES_KEPT = 20;

    private final IngestProperties properties;
    private final AttackCatalog attack;
    private final CatalogHolder catalogs;
    private final IngestPipeline pipeline;
    private final SourceSync sync = new SourceSync();
    private final CatalogPublisher publisher;
    private final HistoryService history;
    private volatile List<Source> served = List.of();
    private final CountDownLatch firstDone = new CountDownLatch(1);
    private final IngestThreads threads;
    /** Whether this service made its threads (built by hand) rather than being given Spring's, and so closes them. */
    private final boolean ownsThreads;
    private final AtomicLong refreshIds = new AtomicLong();
    private final Deque<RefreshRecord> refreshes = new ArrayDeque<>();
    private volatile IngestRun running;
    private volatile IngestReport firstFailure;
    private IngestPipeline.Reuse reuse = IngestPipeline.Reuse.NONE;
    private volatile LatePhases lateServing = new LatePhases(-1, Map.of());

    /** The phases of the catalog {@code generation} that ran after it was published (its report was made at publish). */
    private record LatePhases(long generation, Map<String, Long> millis) {
    }
    private CompletableFuture<String> queued;

    /** An ingest built by hand (tests, benchmarks), with threads of its own that {@link #stop} closes. */
    public IngestService(IngestProperties properties, RuleIndex indexer, AttackCatalog attack, IndicatorAnalysis analysis,
            CatalogHolder catalogs, RuleHistories histories) {
        this(properties, indexer, attack, analysis, catalogs, histories, new IngestThreads(properties.effectiveThreads()), true);
    }

    @org.springframework.beans.factory.annotation.Autowired
    IngestService(IngestProperties properties, RuleIndex indexer, AttackCatalog attack, IndicatorAnalysis analysis,
            CatalogHolder catalogs, RuleHistories histories, IngestThreads threads) {
        this(properties, indexer, attack, analysis, catalogs, histories, threads, false);
    }

    private IngestService(IngestProperties properties, RuleIndex indexer, AttackCatalog attack, IndicatorAnalysis analysis,
            CatalogHolder catalogs, RuleHistories histories, IngestThreads threads, boolean ownsThreads) {
        this.properties = properties;
        this.attack = attack;
        this.catalogs = catalogs;
        this.threads = threads;
        this.ownsThreads = ownsThreads;
        this.pipeline = new IngestPipeline(properties, attack, analysis, indexer,
                new CatalogSnapshots(properties.snapshotFolder(), CatalogSnapshots.ownerOf(properties.dataFolder())), threads);
        this.history = new HistoryService(properties, histories, analysis, pipeline, threads);
        this.publisher = new CatalogPublisher(catalogs, pipeline, attack);
        catalogs.declarePrivateSources(new SourceScanner(properties).sources().stream().filter(Source::restricted).map(Source::name)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * Reading, parsing, analysis and indexing need neither the database nor the web server, so the first ingest
     * starts as soon as this bean exists and runs on the second core while the rest of the context (Hibernate,
     * Tomcat, MVC) starts on the first.
     */
    @PostConstruct
    void startPreparing() {
        threads.ingest(this::ingest);
        Duration interval = refreshInterval();
        if (interval != null) {
            log.info("Refreshing the sources every {}", interval);
            threads.every(interval, () -> {
                if (catalogs.peek().isReady()) {
                    requestRefresh("schedule");
                }
            });
        }
    }

    /** As configured; unset, hourly when any source is a git repository and never otherwise; zero turns it off. */
    Duration refreshInterval() {
        Duration configured = properties.refreshInterval();
        if (configured != null) {
            return configured.isZero() || configured.isNegative() ? null : configured;
        }
        boolean anyGit = new SourceScanner(properties).sources().stream().anyMatch(Source::isGit);
        return anyGit ? Duration.ofHours(1) : null;
    }

    /** Closes the threads this service made; Spring's are closed with the context. */
    @PreDestroy
    public void stop() {
        if (ownsThreads) {
            threads.close();
        }
    }

    /**
     * Asks for a refresh and returns its id at once. A refresh asked for while another waits to start joins that one:
     * both would read the same sources.
     */
    public synchronized String requestRefresh(String trigger) {
        if (queued != null) {
            return queued.getNow(null);
        }
        String id = "r" + refreshIds.incrementAndGet();
        CompletableFuture<String> ticket = CompletableFuture.completedFuture(id);
        queued = ticket;
        threads.ingest(() -> {
            synchronized (this) {
                queued = null;
            }
            run(trigger, id);
        });
        return id;
    }

    /** Runs a refresh in the calling thread (tests and tools). */
    public RefreshRecord refreshNow(String trigger) {
        return run(trigger, "r" + refreshIds.incrementAndGet());
    }

    /** The whole first ingest in the calling thread (tests and tools). */
    public void ingest() {
        Leftovers.sweep(properties.dataFolder());
        run("start");
    }

    /**
     * The report of the catalog being served; before the first catalog, the first ingest's progress (or failure).
     */
    public IngestReport report() {
        return report(Audience.EVERYTHING);
    }

    /** Anyone not signed in, and anyone granted no private source. */
    public Audience everyone() {
        return Audience.publicOnly(catalogs.privateSources());
    }

    /** {@link #report()} as {@code reader} may read it. */
    public IngestReport report(Audience reader) {
        Catalog current = catalogs.peek();
        if (current.isReady()) {
            try (CatalogHolder.Lease lease = catalogs.acquire(reader)) {
                Catalog served = lease.catalog();
                return sync.withLastFetches(withLatePhases(served.generation(), served.report()));
            }
        }
        IngestReport failed = firstFailure;
        if (failed != null) {
            return failed.visibleTo(reader, List.of());
        }
        IngestRun run = running;
        return (run == null ? current.report() : run.loading()).visibleTo(reader, List.of());
    }

    private IngestReport withLatePhases(long generation, IngestReport report) {
        LatePhases late = lateServing;
        return late.generation() == generation ? report.withMorePhases(late.millis()) : report;
    }

    /** The refresh under way, if any: its id, trigger, phase and progress. */
    public IngestReport refreshInProgress(Audience reader) {
        IngestRun run = running;
        return run == null || !catalogs.peek().isReady() ? null : run.loading().visibleTo(reader, List.of());
    }

    /** The id of the refresh under way (or waiting to start), or null. */
    public String refreshInProgressId() {
        IngestRun run = running;
        return run != null ? run.id : null;
    }

    /** The last refreshes, newest first. */
    public synchronized List<RefreshRecord> refreshes() {
        return List.copyOf(refreshes);
    }

    /** {@link #refreshes()} as {@code reader} may read them. */
    public List<RefreshRecord> refreshes(Audience reader) {
        return refreshes().stream().map(r -> r.visibleTo(reader)).toList();
    }

    /** Blocks until the histories asked for so far have been read (tests and tools). */
    public void awaitHistory() throws InterruptedException {
        try {
            history.awaitIdle();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The rules one file held at an older version (its blob in the source's repository), parsed as ingest parses;
     * empty when the source is gone or the version cannot be read.
     */
    public List<Rule> rulesAt(String sourceName, String path, String blob) {
        return served.stream().filter(s -> s.name().equals(sourceName)).findFirst()
                .map(source -> history.rulesAt(source, path, blob)).orElse(List.of());
    }

    /**
     * The rules a file text holds, parsed as ingest parses a file of the source at that path (a collection's pinned
     * version); empty when the source is no longer served.
     */
    public List<Rule> rulesIn(String sourceName, String path, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length > properties.maxFileBytes()) {
            return List.of();
        }
        return served.stream().filter(s -> s.name().equals(sourceName)).findFirst()
                .map(source -> GitHistory.rulesOf(source, path, bytes, new io.rulescope.ingest.read.YamlReader(properties.maxFileBytes())))
                .orElse(List.of());
    }

    /** The text of a file at an older version, or null. */
    public String textAt(String sourceName, String blob) {
        return served.stream().filter(s -> s.name().equals(sourceName)).findFirst().map(source -> {
            byte[] bytes = GitHistory.blob(source, blob, properties.maxFileBytes() + 1);
            return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }).orElse(null);
    }

    /** Whether the first ingest has finished all its work, what it does after its catalog serves included. */
    public boolean settled() {
        return firstDone.getCount() == 0;
    }

    /** Blocks until the first ingest has finished (for tests and tools); true if it did within the timeout. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return firstDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(String trigger) {
        run(trigger, "r" + refreshIds.incrementAndGet());
    }

    private RefreshRecord run(String trigger, String id) {
        IngestRun run = new IngestRun(id, trigger);
        running = run;
        Catalog before = catalogs.peek();
        RefreshRecord record;
        try {
            record = build(run, before);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("Ingest {} failed; {}", id, before.isReady() ? "the current catalog keeps serving" : "no catalog to serve", e);
            IngestReport failed = run.failed(e);
            if (!before.isReady()) {
                firstFailure = failed;
            }
            record = RefreshRecord.failed(run, before, e);
        } finally {
            running = null;
            firstDone.countDown();
        }
        remember(record);
        return record;
    }

    private RefreshRecord build(IngestRun run, Catalog before) {
        List<Source> configured = new SourceScanner(properties).sources();
        log.info("Ingest {} ({}) started: {} source(s): {}", run.id, run.trigger, configured.size(),
                configured.stream().map(s -> s.isEmbedded() ? "embedded content" : s.isGit() ? s.git().toString() : s.root().toString()).toList());
        List<Source> sources = sync.sync(run, configured, before.isReady());

        if (!pipeline.readSources(run, sources, before.isReady() ? before.key() : null)) {
            if (!run.fetchFailures.isEmpty()) {
                // Nothing new was read because a remote could not be reached: that is a failed refresh, not "unchanged".
                log.warn("Ingest {}: the fetch failed ({}); catalog {} keeps serving", run.id, run.fetchFailures, before.generation());
                return RefreshRecord.failed(run, before, new IllegalStateException("fetch failed: " + String.join("; ", run.fetchFailures)));
            }
            log.info("Ingest {}: no source changed since catalog {}; nothing parsed ({} ms)", run.id, before.generation(),
                    java.time.Duration.between(run.started, Instant.now()).toMillis());
            return RefreshRecord.unchanged(run, before);
        }
        boolean restored = !before.isReady() && pipeline.snapshots().enabled() && pipeline.restore(run);
        if (!restored) {
            pipeline.build(run, reuse);
        }
        // Pages are served from the catalog in memory: the event matcher does not stand between a built catalog and its
        // first request. It compiles once the catalog serves (publishing needs both cores for the search tables), on
        // another core while the file texts are deflated here; /match waits for it.
        CompletableFuture<EventMatcher> compiling = new CompletableFuture<>();
        Catalog next = publisher.publish(run, compiling);
        reuse = run.reuse != null ? run.reuse : IngestPipeline.Reuse.NONE;
        compiling.completeAsync(run::compileMatcher);
        served = List.copyOf(sources);
        history.update(sources, next);
        compact(run);
        compiling.handle((matcher, failure) -> matcher).join();
        next = publisher.withOneSegment(run, next);
        reuse = run.reuse != null ? run.reuse : reuse;
        Map<String, Long> after = CatalogPublisher.afterServing(run);
        lateServing = new LatePhases(next.generation(), after);
        log.info("Ingest {}: after serving, the file texts deflated and the matcher compiled (phases ms: {})", run.id, after);
        if (!restored && pipeline.snapshots().enabled()) {
            long t = System.nanoTime();
            pipeline.snapshots().save(run.key, new CatalogSnapshots.Saved(run.catalog, new CatalogSnapshots.Analysis(
                    run.analyses, run.support, List.copyOf(run.problems), run.skipped)), run.built);
            log.info("Saved the catalog for the next start under {} in {} ms", run.key, IngestPipeline.millisSince(t));
        }
        return RefreshRecord.published(run, before, next);
    }

    /** Rules keep their file text as read until it is deflated here, on both cores, off the way to serving. */
    private void compact(IngestRun run) {
        run.setPhase("compact");
        IngestRun.Timing compact = run.time("compact");
        pipeline.inPool(() -> {
            run.catalog.parallelStream().forEach(Rule::compactRaw);
            return null;
        });
        compact.stop();
    }

    private synchronized void remember(RefreshRecord record) {
        refreshes.addFirst(record);
        while (refreshes.size() > REFRESHES_KEPT) {
            refreshes.removeLast();
        }
    }

}
