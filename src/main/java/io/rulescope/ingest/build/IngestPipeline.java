package io.rulescope.ingest.build;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.read.AttackWarnings;
import io.rulescope.ingest.read.DocumentFiles;
import io.rulescope.ingest.read.FileResult;
import io.rulescope.ingest.read.RuleDocuments;
import io.rulescope.ingest.read.SupportingData;
import io.rulescope.ingest.read.YamlReader;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.setup.IngestThreads;
import io.rulescope.ingest.snapshot.CatalogSnapshots;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.ingest.source.SourceScanner;
import io.rulescope.query.Macro;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.search.RuleIndex;

/**
 * The steps from source files to everything a catalog holds but the database: scan, read, hash, then parse, map,
 * analyse, count and index. Given what the previous build read ({@link Reuse}), it parses and analyses again only the
 * files whose bytes changed; given a saved snapshot for the same content, it reads that instead.
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final IngestProperties properties;
    private final AttackCatalog attack;
    private final IndicatorAnalysis analysis;
    private final RuleIndex indexer;
    private final CatalogSnapshots snapshots;
    private final IngestThreads threads;

    public IngestPipeline(IngestProperties properties, AttackCatalog attack, IndicatorAnalysis analysis, RuleIndex indexer,
            CatalogSnapshots snapshots, IngestThreads threads) {
        this.properties = properties;
        this.threads = threads;
        this.attack = attack;
        this.analysis = analysis;
        this.indexer = indexer;
        this.snapshots = snapshots;
    }

    /**
     * What one build read, kept for the next: file results by (source, path, content hash), the macros the analyses
     * were made with, and the analyses by rule object (a reused file result brings the very same rule objects back).
     */
    public record Reuse(String key, Map<String, FileResult> files, Map<String, Macro> macros, Map<Rule, QueryAnalysis> analyses,
            Map<String, Rule> rules, RuleIndex.Built index) {

        public static final Reuse NONE = new Reuse("", Map.of(), Map.of(), Map.of(), Map.of(), null);

        public Reuse withIndex(RuleIndex.Built merged) {
            return new Reuse(key, files, macros, analyses, rules, merged);
        }
    }

    /** What a build changed against the previous one, by uid; null {@code changed} means everything (a full build). */
    record Delta(List<String> removed, List<Rule> changed) {
    }

    public CatalogSnapshots snapshots() {
        return snapshots;
    }

    public RuleIndex indexer() {
        return indexer;
    }

    /** How a catalog this pipeline built leaves out private sources for those who may not see them. */
    public io.rulescope.catalog.Catalog.Narrowing narrowing() {
        return new AudienceViews(indexer, analysis, attack);
    }

    /**
     * Scans and reads every source and computes the content key; false when it equals {@code unchangedKey}, in which
     * case nothing has been parsed.
     */
    public boolean readSources(IngestRun run, List<Source> sources, String unchangedKey) {
        IngestRun.Timing scan = run.time("scan");
        SourceScanner scanner = new SourceScanner(properties);
        // Sources are walked side by side, each noting its own problems so that the report keeps the sources' order.
        record Scanned(List<SourceFile> files, List<IngestProblem> problems) {
        }
        List<Scanned> scanned = parallel(sources, source -> {
            List<IngestProblem> found = new ArrayList<>();
            return new Scanned(scanner.scan(source, found), found);
        });
        for (int i = 0; i < sources.size(); i++) {
            run.filesBySource.put(sources.get(i), scanned.get(i).files());
            run.problems.addAll(scanned.get(i).problems());
        }
        run.files = run.filesBySource.values().stream().flatMap(List::stream).toList();
        scan.stop();

        run.setPhase("read");
        IngestRun.Timing read = run.time("read");
        run.files = parallel(run.files, this::readIntoMemory);
        read.stop();

        IngestRun.Timing contentHash = run.time("content hash");
        run.hashes = parallel(run.files, CatalogSnapshots::fileHash);
        run.key = snapshots.key(run.files, run.hashes, properties, attack.fingerprint(), run.sourceVersions);
        contentHash.stop();
        return !run.key.equals(unchangedKey);
    }

    /** Fills {@code run} from the snapshot saved under its key; false if there is none. */
    public boolean restore(IngestRun run) {
        run.setPhase("checking for a saved catalog");
        IngestRun.Timing snapshotRestore = run.time("snapshot restore");
        Optional<CatalogSnapshots.Opened> opened = snapshots.open(run.key);
        if (opened.isEmpty()) {
            return false;
        }
        Optional<CatalogSnapshots.Derived> derived = opened.get().derived();
        if (derived.isEmpty()) {
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
        run.indicators = analysis.index(run.analyses);
        run.filesDone.set(run.files.size());
        snapshotRestore.stop();
        log.info("Restored the catalog saved for this content and build ({}): {} rules", run.key, run.catalog.size());
        return true;
    }

    /** Parse, map, analyse, count and index, reusing what {@code previous} read from files that have not changed. */
    public void build(IngestRun run, Reuse previous) {
        run.setPhase("parse");
        IngestRun.Timing parse = run.time("parse");
        YamlReader reader = new YamlReader(properties.maxFileBytes());
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < run.files.size(); i++) {
            positions.add(i);
        }
        List<FileResult> results = parallel(positions, i -> {
            SourceFile file = run.files.get(i);
            FileResult old = previous.files().get(fileKey(file, run.hashes.get(i)));
            if (old != null) {
                run.reusedFiles.incrementAndGet();
                run.progress();
                return old;
            }
            return RuleDocuments.map(readAndParse(file, reader, run));
        });
        parse.stop();

        run.setPhase("map");
        IngestRun.Timing map = run.time("map");
        SupportingData support = new SupportingData();
        List<Rule> rules = new ArrayList<>();
        Map<String, FileResult> byFileKey = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            FileResult result = results.get(i);
            byFileKey.put(fileKey(result.file(), run.hashes.get(i)), result.withoutBytes());
            run.problems.addAll(result.problems());
            rules.addAll(result.rules());
            if (result.supporting()) {
                support.addAll(result.support());
            } else if (result.skipped()) {
                run.skipped++;
            }
        }
        run.catalog = rules;
        run.support = support;
        run.keepFirstOfEachKey();
        run.reportSharedIds();
        run.problems.addAll(AttackWarnings.of(run.catalog, attack));
        map.stop();

        run.setPhase("query analysis");
        IngestRun.Timing queryAnalysis = run.time("query analysis");
        Map<String, Macro> macros = support.macros();
        boolean sameMacros = macros.equals(previous.macros());
        IndicatorAnalysis.Analyzer analyzer = analysis.analyzer(macros);
        Map<String, QueryAnalysis> analyses = new HashMap<>();
        Map<Rule, QueryAnalysis> byRule = new IdentityHashMap<>();
        for (Map.Entry<Rule, QueryAnalysis> e : parallel(run.catalog, rule -> {
            QueryAnalysis old = sameMacros ? previous.analyses().get(rule) : null;
            return Map.entry(rule, old != null ? old : analyze(analyzer, rule, run.problems));
        })) {
            analyses.put(e.getKey().getUid(), e.getValue());
            byRule.put(e.getKey(), e.getValue());
        }
        run.analyses = analyses;
        queryAnalysis.stop();

        IngestRun.Timing corpusCounts = run.time("corpus counts");
        run.indicators = analysis.index(analyses);
        corpusCounts.stop();

        run.setPhase("index");
        IngestRun.Timing index = run.time("index");
        List<Rule> indexed = run.catalog;
        Map<String, Rule> byUid = new HashMap<>();
        indexed.forEach(rule -> byUid.put(rule.getUid(), rule));
        run.delta = sameMacros && previous.index() != null ? delta(previous.rules(), byUid) : null;
        java.util.function.Function<Rule, QueryAnalysis> analysisOf = rule -> analyses.getOrDefault(rule.getUid(), QueryAnalysis.EMPTY);
        java.util.function.BiFunction<Rule, QueryAnalysis, io.rulescope.indicator.Telemetry> telemetry = analysis::telemetry;
        run.built = run.delta != null ? indexer.update(previous.index(), run.delta.removed(), run.delta.changed(), analysisOf, telemetry)
                : inPool(() -> indexer.build(indexed, analysisOf, telemetry));
        index.stop();
        run.reuse = new Reuse(run.key, byFileKey, macros, byRule, byUid, run.built);
    }

    /**
     * The rules that are not the very objects the previous build had under their uid (their file changed), and the
     * uids that are gone. Same macros are assumed: otherwise every SPL analysis may differ and nothing is reused.
     */
    private static Delta delta(Map<String, Rule> before, Map<String, Rule> now) {
        List<String> removed = before.keySet().stream().filter(uid -> !now.containsKey(uid)).sorted().toList();
        List<Rule> changed = now.values().stream().filter(rule -> before.get(rule.getUid()) != rule)
                .sorted(java.util.Comparator.comparing(Rule::getUid)).toList();
        return new Delta(removed, changed);
    }

    static String fileKey(SourceFile file, String hash) {
        return file.source().name() + "\u0000" + file.path() + "\u0000" + hash;
    }

    /** Analysis is best effort: a query that trips the analyser is shown unanalysed and reported, never fatal. */
    private static QueryAnalysis analyze(IndicatorAnalysis.Analyzer analyzer, Rule rule, List<IngestProblem> problems) {
        try {
            return analyzer.analyze(rule);
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
    public FileResult readAndParse(SourceFile file, YamlReader reader, IngestRun run) {
        FileResult result;
        if (file.size() > properties.maxFileBytes()) {
            result = FileResult.failed(file, IngestProblem.error(file.source().name(), file.path(),
                    "file is " + file.size() / 1024 + " KiB, over the " + properties.maxFileBytes() / 1024 + " KiB limit; not read"));
        } else {
            try {
                byte[] bytes = file.read();
                result = FileResult.parsed(file, DocumentFiles.parse(file.path(), bytes, reader));
            } catch (java.nio.file.NoSuchFileException e) {
                result = FileResult.failed(file, IngestProblem.error(file.source().name(), file.path(),
                        "the file disappeared between the scan and the read (was the source being updated?)"));
            } catch (IOException e) {
                result = FileResult.failed(file, IngestProblem.error(file.source().name(), file.path(),
                        "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
            }
        }
        int n = run.progress();
        if (n % 1000 == 0) {
            long ms = Math.max(1, Duration.between(run.started, Instant.now()).toMillis());
            log.info("Ingest progress: {}/{} files read ({} files/s)", n, run.files.size(), n * 1000L / ms);
        }
        return result;
    }

    public <T, R> List<R> parallel(List<T> items, Function<T, R> work) {
        return inPool(() -> items.parallelStream().map(work).toList());
    }

    /** Runs work whose parallel streams should use ingest's threads, not the common pool. */
    public <R> R inPool(Callable<R> work) {
        return threads.inParallel(work);
    }

    public static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
