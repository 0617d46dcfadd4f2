package io.rulescope.ingest.build;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.catalog.IngestReport;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.ingest.read.SupportingData;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.match.EventMatcher;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.RuleIndex;
import io.rulescope.search.SearchIndex;

/**
 * What one ingest (the first, or a refresh) has found so far, handed from step to step, and the report it makes.
 * The ingest thread writes it; pages read its progress ({@link #loading}) while it runs.
 */
public final class IngestRun {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IngestRun.class);

    public final String id;
    public final String trigger;
    public final Instant started = Instant.now();
    public final Map<String, Long> phases = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<IngestProblem> problems = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger filesDone = new AtomicInteger();
    public final AtomicInteger reusedFiles = new AtomicInteger();
    volatile String phase = "starting";
    Map<Source, List<SourceFile>> filesBySource = new LinkedHashMap<>();
    /** Per source, the version read (a git commit), which the content key includes. */
    public Map<String, String> sourceVersions = new LinkedHashMap<>();
    /** Git sources whose fetch failed, each read at its last fetched commit. */
    public final List<String> fetchFailures = new ArrayList<>();
    public List<IngestReport.SourceSummary> sourceSummaries = List.of();
    public volatile List<SourceFile> files = List.of();
    List<String> hashes = List.of();
    public String key;
    public List<Rule> catalog = List.of();
    public SupportingData support = new SupportingData();
    public Map<String, QueryAnalysis> analyses = Map.of();
    public IndicatorIndex indicators;
    public RuleIndex.Built built;
    public IngestPipeline.Reuse reuse;
    /** Against the previous catalog, when only part of it changed; null after a full build. */
    public IngestPipeline.Delta delta;
    public int skipped;
    public boolean restored;

    public IngestRun(String id, String trigger) {
        this.id = id;
        this.trigger = trigger;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    /** Counts one more file done; returns how many are. */
    int progress() {
        return filesDone.incrementAndGet();
    }

    /** Two documents at one place (a file listed twice through links) would collide on the key; keep the first. */
    void keepFirstOfEachKey() {
        Map<String, Rule> byUid = new LinkedHashMap<>();
        for (Rule rule : catalog) {
            if (byUid.putIfAbsent(rule.getUid(), rule) != null) {
                problems.add(IngestProblem.error(rule.getSourceName(), rule.getSourcePath(), "the same document was read twice"));
            }
        }
        catalog = new ArrayList<>(byUid.values());
    }

    /** An id used by rules in different files is legal (forks, conversions) but worth saying: its permalink lists them. */
    void reportSharedIds() {
        Map<String, List<Rule>> byId = catalog.stream().collect(Collectors.groupingBy(Rule::getRuleId));
        byId.values().stream().filter(group -> group.stream().map(r -> r.getSourceName() + "/" + r.getSourcePath()).distinct().count() > 1)
                .forEach(group -> {
                    for (Rule rule : group) {
                        String others = group.stream().filter(r -> r != rule && !(r.getSourcePath().equals(rule.getSourcePath())
                                && r.getSourceName().equals(rule.getSourceName())))
                                .map(r -> r.getSourceName() + ":" + r.getSourcePath()).distinct().collect(Collectors.joining(", "));
                        problems.add(IngestProblem.warning(rule.getSourceName(), rule.getSourcePath(), "duplicate id '"
                                + rule.getRuleId() + "' is also used by " + others + "; its permalink lists all of them"));
                    }
                });
    }

    /** The report while it runs: its phase and progress, and the problems found so far. */
    public IngestReport loading() {
        return new IngestReport(IngestReport.State.LOADING, phase, files.size(), filesDone.get(), started, null,
                sourceSummaries, Map.of(), Map.of(), new IngestReport.Supporting(Map.of()), copyOfPhases(),
                new IngestReport.Totals(0, 0, 0, 0, 0, 0), List.copyOf(problems));
    }

    private Map<String, Long> copyOfPhases() {
        synchronized (phases) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        }
    }

    /** The report of a run that stopped on an internal error: the error is its one problem that matters. */
    public IngestReport failed(Throwable e) {
        problems.add(IngestProblem.error("-", "-", "ingest stopped by an internal error: " + e));
        files = List.of();
        filesBySource = Map.of();
        catalog = List.of();
        support = new SupportingData();
        skipped = 0;
        return finished(IngestReport.State.FAILED);
    }

    public IngestReport finished(IngestReport.State state) {
        Map<String, Long> rulesPerSource = catalog.stream().collect(Collectors.groupingBy(Rule::getSourceName, Collectors.counting()));
        List<IngestReport.SourceSummary> sources = sourceSummaries.stream()
                .map(s -> s.withCounts(filesBySource.entrySet().stream().filter(e -> e.getKey().name().equals(s.name()))
                        .mapToInt(e -> e.getValue().size()).sum(), rulesPerSource.getOrDefault(s.name(), 0L).intValue()))
                .toList();
        if (state == IngestReport.State.READY) {
            warnAboutEmptySources(sources);
        }
        List<IngestProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(IngestProblem::level).thenComparing(IngestProblem::source).thenComparing(IngestProblem::path));
        int errors = (int) sorted.stream().filter(p -> p.level() == IngestProblem.Level.ERROR).count();
        int warnings = (int) sorted.stream().filter(p -> p.level() == IngestProblem.Level.WARNING).count();
        long total = Duration.between(started, Instant.now()).toMillis();
        return new IngestReport(state, state == IngestReport.State.READY ? "done" : "failed", files.size(), files.size(),
                started, Instant.now(), sources, countBy(catalog, r -> r.getFormat().name()), countBy(catalog, Rule::getPlatform),
                new IngestReport.Supporting(support.counts()),
                copyOfPhases(), new IngestReport.Totals(files.size(), catalog.size(), skipped, errors, warnings, total),
                List.copyOf(sorted));
    }

    /** A source that yields no rule must never look like success: it is usually a wrong path or a packaging fault. */
    private void warnAboutEmptySources(List<IngestReport.SourceSummary> sources) {
        for (IngestReport.SourceSummary source : sources) {
            if (source.rules() == 0) {
                String reason = source.files() == 0 ? "no rule files found (*.yml, *.yaml, *.toml): is the path right?"
                        : source.files() + " files read, none of them a rule";
                problems.add(IngestProblem.warning(source.name(), source.root(), reason));
                log.warn("Source {} ({}) yields no rule: {}", source.name(), source.root(), reason);
            }
        }
    }

    static Map<String, Integer> countBy(List<Rule> catalog, Function<Rule, String> key) {
        Map<String, Integer> counts = new HashMap<>();
        catalog.forEach(rule -> counts.merge(String.valueOf(key.apply(rule)), 1, Integer::sum));
        return IngestReport.mostFirst(counts);
    }

    /** Starts timing a phase; {@link Timing#stop} records its milliseconds among the report's phases. */
    public Timing time(String phase) {
        return new Timing(phase, System.nanoTime());
    }

    /** One phase being timed. */
    public final class Timing {
        private final String phase;
        private final long started;

        private Timing(String phase, long started) {
            this.phase = phase;
            this.started = started;
        }

        public void stop() {
            phases.put(phase, IngestPipeline.millisSince(started));
        }
    }

    /** The catalog this run built, over its opened index. */
    public Catalog toCatalog(long generation, SearchIndex index, AttackCatalog attack, CompletableFuture<EventMatcher> matcher,
            Catalog.Narrowing narrowing) {
        return new Catalog(generation, key, RuleSet.of(catalog), indicators, index, CatalogSummaries.of(catalog, attack),
                finished(IngestReport.State.READY), support.macros(), matcher, privateSources(), narrowing);
    }

    /** The names of the private sources read. */
    public java.util.Set<String> privateSources() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        filesBySource.keySet().stream().filter(Source::restricted).forEach(source -> names.add(source.name()));
        return names;
    }

    /** The catalog's rules compiled for /match; a failure here is a bug, logged, and leaves /match firing nothing. */
    public EventMatcher compileMatcher() {
        Timing compiling = time("matcher");
                EventMatcher matcher;
        try {
            matcher = EventMatcher.build(List.copyOf(catalog), indicators::analysisOf, indicators.taxonomy());
        } catch (RuntimeException e) {
            log.error("Ingest {}: the rules could not be compiled for matching events; /match fires nothing", id, e);
            matcher = EventMatcher.EMPTY;
        }
        compiling.stop();
        return matcher;
    }
}
