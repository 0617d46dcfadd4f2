package io.rulescope.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.indicator.IndicatorCatalog;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.CatalogSummary;
import io.rulescope.rule.Rule;
import io.rulescope.search.RuleIndex;

/**
 * Loads every configured source into the database and the index in the background, so pages can say "loading"
 * meanwhile. One bad file never stops it: each problem is recorded and ingest moves on.
 */
@Service
public class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final IngestProperties properties;
    private final RuleIndex index;
    private final AttackCatalog attack;
    private final IndicatorCatalog indicators;
    private final CountDownLatch done = new CountDownLatch(1);
    private final CatalogSnapshots snapshots;
    private final CompletableFuture<CatalogStore> store = new CompletableFuture<>();
    private final AtomicInteger filesDone = new AtomicInteger();
    private volatile IngestReport report = IngestReport.starting(Instant.now());
    private volatile CatalogSummary summary = CatalogSummary.EMPTY;
    private volatile SupportingData supporting = new SupportingData();

    public IngestService(IngestProperties properties, RuleIndex index, AttackCatalog attack, IndicatorCatalog indicators) {
        this.properties = properties;
        this.index = index;
        this.attack = attack;
        this.indicators = indicators;
        this.snapshots = new CatalogSnapshots(properties.snapshotFolder());
    }

    /**
     * Reading, parsing, analysis and indexing need neither the database nor the web server, so they start as soon as
     * this bean exists and run on the second core while the rest of the context (Hibernate, Tomcat, MVC) starts on the
     * first. Only the persist step waits, for the database ({@link #storeReady}).
     */
    @PostConstruct
    void startPreparing() {
        Thread thread = new Thread(this::ingest, "ingest");
        thread.setDaemon(true);
        thread.start();
    }

    /** Where the catalog is written; ingest holds its rules until this is known. */
    public void storeReady(CatalogStore catalogStore) {
        store.complete(catalogStore);
    }

    /** The current report; while loading, its progress figures move on. */
    public IngestReport report() {
        IngestReport r = report;
        if (r.state() == IngestReport.State.LOADING) {
            return new IngestReport(r.state(), r.phase(), r.filesTotal(), filesDone.get(), r.startedAt(), null,
                    r.sources(), r.rulesByFormat(), r.rulesByPlatform(), r.supporting(), r.phaseMillis(), r.totals(), r.problems());
        }
        return r;
    }

    public CatalogSummary summary() {
        return summary;
    }

    public SupportingData supportingData() {
        return supporting;
    }

    /** Blocks until ingest has finished (for tests and tools); true if it did within the timeout. */
    public boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The whole ingest in the calling thread (tests and tools, which give the store first). */
    public void ingest() {
        IngestRun run = new IngestRun();
        if (prepare(run)) {
            if (!store.isDone()) {
                setPhase("waiting for the database", run);
            }
            load(run, store.join());
        }
    }

    /** Scan, read, parse, map, analyse, count and build the index; false (and a FAILED report) if it broke. */
    private boolean prepare(IngestRun run) {
        try {
            SourceScanner scanner = new SourceScanner(properties);
            List<Source> sources = scanner.sources();
            log.info("Ingest started: {} source(s): {}", sources.size(),
                    sources.stream().map(s -> s.isEmbedded() ? "embedded content" : s.root().toString()).toList());

            long t = System.nanoTime();
            for (Source source : sources) {
                run.filesBySource.put(source, scanner.scan(source, run.problems));
            }
            List<SourceFile> files = run.filesBySource.values().stream().flatMap(List::stream).toList();
            run.files = files;
            run.phases.put("scan", millisSince(t));
            List<SourceFile> toParse = files;
            if (snapshots.enabled()) {
                // The content hash needs every byte anyway: read once, hash, and parse from memory on a miss.
                setPhase("read", run);
                t = System.nanoTime();
                toParse = parallel(files, this::readIntoMemory);
                run.phases.put("read", millisSince(t));
                if (restoreSnapshot(run, toParse)) {
                    return true;
                }
            }
            setPhase(snapshots.enabled() ? "parse" : "read and parse", run);

            t = System.nanoTime();
            YamlReader reader = new YamlReader(properties.maxFileBytes());
            List<SourceFile> parseList = toParse;
            List<FileResult> parsed = parallel(parseList, file -> readAndParse(file, reader, parseList.size(), run.started));
            run.phases.put(snapshots.enabled() ? "parse" : "read+parse", millisSince(t));
            setPhase("map", run);

            t = System.nanoTime();
            SupportingData support = new SupportingData();
            List<FileResult> mapped = parallel(parsed, result -> RuleDocuments.map(result, support));
            List<Rule> catalog = new ArrayList<>();
            for (FileResult result : mapped) {
                run.problems.addAll(result.problems());
                catalog.addAll(result.rules());
                if (!result.supporting() && result.rules().isEmpty()
                        && result.problems().stream().allMatch(p -> p.level() == IngestProblem.Level.SKIPPED)) {
                    run.skipped++;
                }
            }
            run.catalog = catalog;
            run.support = support;
            run.keepFirstOfEachKey();
            run.reportSharedIds();
            catalog = run.catalog;
            run.phases.put("map", millisSince(t));
            setPhase("query analysis", run);

            t = System.nanoTime();
            indicators.useMacros(support.macros());
            Map<String, QueryAnalysis> analyses = new HashMap<>();
            for (Map.Entry<Rule, QueryAnalysis> e : parallel(catalog, rule -> Map.entry(rule, analyze(rule, run.problems)))) {
                analyses.put(e.getKey().getUid(), e.getValue());
            }
            run.phases.put("query analysis", millisSince(t));
            t = System.nanoTime();
            indicators.publish(analyses);
            run.analyses = analyses;
            run.phases.put("corpus counts", millisSince(t));
            setPhase("index", run);

            t = System.nanoTime();
            List<Rule> indexed = catalog;
            run.built = inPool(() -> index.build(indexed, rule -> analyses.getOrDefault(rule.getUid(), QueryAnalysis.EMPTY)));
            run.summary = CatalogSummaries.of(catalog, attack);
            run.phases.put("index", millisSince(t));
            setPhase("persist", run);
            return true;
        } catch (RuntimeException | Error e) {
            fail(run, e);
            return false;
        }
    }

    /**
     * True if a snapshot saved under this content's key was found and restored into {@code run}. Its rules are
     * stored while its analysis and index are still being read: on a restart that is most of the work.
     */
    private boolean restoreSnapshot(IngestRun run, List<SourceFile> inMemory) {
        setPhase("checking for a saved catalog", run);
        long t = System.nanoTime();
        List<String> hashes = parallel(inMemory, CatalogSnapshots::fileHash);
        run.snapshotKey = snapshots.key(inMemory, hashes, properties, attack.fingerprint());
        run.phases.put("content hash", millisSince(t));
        t = System.nanoTime();
        Optional<CatalogSnapshots.Opened> opened = snapshots.open(run.snapshotKey);
        if (opened.isEmpty()) {
            return false;
        }
        setPhase("persist", run);
        long persist = System.nanoTime();
        store.join().replaceAll(opened.get().rules());
        run.phases.put("persist", millisSince(persist));
        Optional<CatalogSnapshots.Derived> derived = opened.get().derived();
        if (derived.isEmpty()) {
            // Read the sources after all; their persist replaces the rows just written.
            run.phases.remove("persist");
            return false;
        }
        CatalogSnapshots.Analysis saved = derived.get().analysis();
        run.catalog = opened.get().rules();
        run.support = saved.support();
        run.analyses = saved.analyses();
        // The saved problems include this scan's, found the same way last time.
        run.problems.clear();
        run.problems.addAll(saved.problems());
        run.skipped = saved.skipped();
        run.built = derived.get().index();
        run.restored = true;
        filesDone.set(run.files.size());
        indicators.useMacros(run.support.macros());
        indicators.publish(run.analyses);
        run.summary = CatalogSummaries.of(run.catalog, attack);
        run.phases.put("snapshot restore", millisSince(t));
        log.info("Restored the catalog saved for this content and build ({}): {} rules", run.snapshotKey, run.catalog.size());
        return true;
    }

    /** Persist the rules, then let searches see the index built for them: a hit always has a page to open. */
    private void load(IngestRun run, CatalogStore catalogStore) {
        try {
            if (!run.restored) {
                long t = System.nanoTime();
                catalogStore.replaceAll(run.catalog);
                run.phases.put("persist", millisSince(t));
            }
            index.publish(run.built);
            summary = run.summary;
            supporting = run.support;

            report = run.finished(IngestReport.State.READY);
            IngestReport.Totals totals = report.totals();
            log.info("Ingest done: {} files, {} rules, {} skipped, {} errors, {} warnings in {} ms (phases ms: {}); "
                    + "supporting data: {} macros, {} data sources, {} stories; {} distinct indicators",
                    totals.files(), totals.rules(), totals.skipped(), totals.errors(), totals.warnings(),
                    totals.totalMillis(), run.phases, run.support.macroCount(), run.support.dataSourceCount(),
                    run.support.storyCount(), indicators.distinctIndicators());
            if (totals.errors() > 0) {
                log.warn("{} file(s) or document(s) could not be ingested; see /ingest for each reason", totals.errors());
            }
            done.countDown();
            if (run.snapshotKey != null && !run.restored) {
                long t2 = System.nanoTime();
                snapshots.save(run.snapshotKey, new CatalogSnapshots.Saved(run.catalog, new CatalogSnapshots.Analysis(
                        run.analyses, run.support, List.copyOf(run.problems), run.skipped)), run.built);
                log.info("Saved the catalog for the next start under {} in {} ms", run.snapshotKey, millisSince(t2));
            }
        } catch (RuntimeException | Error e) {
            fail(run, e);
        } finally {
            done.countDown();
        }
    }

    private void fail(IngestRun run, Throwable e) {
        log.error("Ingest failed", e);
        report = run.failed(e);
        done.countDown();
    }

    /** Analysis is best effort: a query that trips the analyser is shown unanalysed and reported, never fatal. */
    private QueryAnalysis analyze(Rule rule, List<IngestProblem> problems) {
        try {
            return indicators.analyze(rule);
        } catch (RuntimeException | StackOverflowError e) {
            problems.add(IngestProblem.warning(rule.getSourceName(), rule.getSourcePath(), "query not analysed: " + e));
            return new QueryAnalysis(List.of(), List.of(), List.of(), List.of(), List.of("query not analysed: internal error"));
        }
    }

    /**
     * The file with its bytes already read, or with the read's failure kept to be reported where reads are. Files over
     * the size limit stay unread: parsing refuses them by their size.
     */
    private SourceFile readIntoMemory(SourceFile file) {
        if (file.size() > properties.maxFileBytes()) {
            return file;
        }
        try {
            byte[] bytes = file.read();
            return new SourceFile(file.source(), file.path(), file.size(), () -> bytes);
        } catch (IOException e) {
            return new SourceFile(file.source(), file.path(), file.size(), () -> {
                throw e;
            });
        }
    }

    /** Package-private so a test can delete a file between scan and read, as a busy checkout sometimes does. */
    FileResult readAndParse(SourceFile file, YamlReader reader, int total, Instant started) {
        FileResult result;
        if (file.size() > properties.maxFileBytes()) {
            result = FileResult.failed(file, IngestProblem.error(file.source().name(), file.path(),
                    "file is " + file.size() / 1024 + " KiB, over the " + properties.maxFileBytes() / 1024 + " KiB limit; not read"));
        } else {
            try {
                result = FileResult.parsed(file, reader.parse(file.read()));
            } catch (java.nio.file.NoSuchFileException e) {
                result = FileResult.failed(file, IngestProblem.error(file.source().name(), file.path(),
                        "the file disappeared between the scan and the read (was the source being updated?)"));
            } catch (IOException e) {
                result = FileResult.failed(file, IngestProblem.error(file.source().name(), file.path(),
                        "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
            }
        }
        int n = filesDone.incrementAndGet();
        if (n % 1000 == 0) {
            long ms = Math.max(1, Duration.between(started, Instant.now()).toMillis());
            log.info("Ingest progress: {}/{} files read ({} files/s)", n, total, n * 1000L / ms);
        }
        return result;
    }

    private <T, R> List<R> parallel(List<T> items, Function<T, R> work) {
        return inPool(() -> items.parallelStream().map(work).toList());
    }

    /** Runs work whose parallel streams should use the configured number of threads, not the common pool. */
    private <R> R inPool(java.util.concurrent.Callable<R> work) {
        ForkJoinPool pool = new ForkJoinPool(properties.effectiveThreads());
        try {
            return pool.submit(work).join();
        } finally {
            pool.shutdown();
        }
    }

    private void setPhase(String phase, IngestRun run) {
        report = run.loading(phase, filesDone.get(), report);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
