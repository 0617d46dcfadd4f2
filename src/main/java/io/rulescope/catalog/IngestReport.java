package io.rulescope.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the last ingest did, as {@code /ingest} and {@code GET /api/ingest} show it. Immutable: the service swaps in
 * a new report as ingest moves on, so readers never see half an update.
 */
public record IngestReport(State state, String phase, int filesTotal, int filesDone, Instant startedAt,
        Instant finishedAt, List<SourceSummary> sources, Map<String, Integer> rulesByFormat,
        Map<String, Integer> rulesByPlatform, Supporting supporting, Map<String, Long> phaseMillis, Totals totals,
        List<IngestProblem> problems) {

    public enum State {
        LOADING, READY, FAILED;

        public boolean isLoading() {
            return this == LOADING;
        }

        public boolean isFailed() {
            return this == FAILED;
        }
    }

    /**
     * One source as read by this ingest.
     *
     * @param kind {@code embedded}, {@code directory} or {@code git}
     * @param url for git sources, the remote without credentials
     * @param ref the branch, tag or commit asked for (null: the remote's default branch)
     * @param commit the commit read (git sources, and directories inside a git work tree), else null
     * @param fetchedAt when the remote was last fetched; {@code fetchOutcome} says how that went
     */
    public record SourceSummary(String name, String label, String kind, String root, String url, String ref, String commit,
            Instant commitDate, Instant fetchedAt, String fetchOutcome, String webHome, int files, int rules) {

        public SourceSummary withCounts(int files, int rules) {
            return new SourceSummary(name, label, kind, root, url, ref, commit, commitDate, fetchedAt, fetchOutcome, webHome,
                    files, rules);
        }
    }

    /** How many of each kind of supporting data the sources define ("macros", "stories"), macros first. */
    public record Supporting(Map<String, Integer> counts) {

        public Supporting {
            counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        }

        public int macros() {
            return counts.getOrDefault("macros", 0);
        }
    }

    /**
     * @param files YAML files found
     * @param rules rules in the catalog
     * @param skipped files that are not rules (supporting data is counted apart)
     * @param errors files or documents that could not be ingested
     */
    public record Totals(int files, int rules, int skipped, int errors, int warnings, long totalMillis) {
    }

    public static IngestReport starting(Instant now) {
        return new IngestReport(State.LOADING, "starting", 0, 0, now, null, List.of(), Map.of(), Map.of(),
                new Supporting(Map.of()), Map.of(), new Totals(0, 0, 0, 0, 0, 0), List.of());
    }

    public IngestReport withSources(List<SourceSummary> sources) {
        return new IngestReport(state, phase, filesTotal, filesDone, startedAt, finishedAt, List.copyOf(sources), rulesByFormat,
                rulesByPlatform, supporting, phaseMillis, totals, problems);
    }

    /** This report with more phases, timed after it was made (the work that runs once a catalog serves). */
    public IngestReport withMorePhases(Map<String, Long> more) {
        Map<String, Long> phases = new java.util.LinkedHashMap<>(phaseMillis);
        phases.putAll(more);
        return new IngestReport(state, phase, filesTotal, filesDone, startedAt, finishedAt, sources, rulesByFormat,
                rulesByPlatform, supporting, java.util.Collections.unmodifiableMap(phases), totals, problems);
    }

    public boolean isReady() {
        return state == State.READY;
    }

    /**
     * This report as a reader who may not see some private sources may read it: their summaries, their problems
     * (and any problem naming one of their files) and their share of every count left out. Counts the report keeps
     * only as totals (files still to read, skipped files, supporting data) cannot be split by source, so they are
     * left out as a whole; the rule counts come from the view the reader is served ({@code rules}).
     */
    public IngestReport visibleTo(Audience reader, java.util.Collection<? extends io.rulescope.rule.Rule> rules) {
        if (!reader.isRestricted()) {
            return this;
        }
        List<SourceSummary> shown = sources.stream().filter(s -> reader.sees(s.name())).toList();
        List<IngestProblem> visible = problems.stream().filter(p -> reader.sees(p.source()) && !mentionsHidden(p.reason(), reader)).toList();
        Map<String, Integer> byFormat = new java.util.TreeMap<>();
        Map<String, Integer> byPlatform = new java.util.TreeMap<>();
        for (io.rulescope.rule.Rule rule : rules) {
            byFormat.merge(rule.getFormat().name(), 1, Integer::sum);
            byPlatform.merge(String.valueOf(rule.getPlatform()), 1, Integer::sum);
        }
        int files = shown.stream().mapToInt(SourceSummary::files).sum();
        int errors = (int) visible.stream().filter(p -> p.level() == IngestProblem.Level.ERROR).count();
        int warnings = (int) visible.stream().filter(p -> p.level() == IngestProblem.Level.WARNING).count();
        boolean finished = state != State.LOADING;
        return new IngestReport(state, phase, finished ? files : 0, finished ? files : 0, startedAt, finishedAt, shown,
                mostFirst(byFormat), mostFirst(byPlatform), new Supporting(Map.of()), phaseMillis,
                new Totals(files, rules.size(), 0, errors, warnings, totals.totalMillis()), visible);
    }

    private static boolean mentionsHidden(String reason, Audience reader) {
        return reason != null && reader.hidden().stream().anyMatch(source -> reason.contains(source + ":") || reason.contains(source + "/"));
    }

    /** Counts by name as the report lists them: most first, then by name. */
    public static Map<String, Integer> mostFirst(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(sorted);
    }

    public int percentDone() {
        return filesTotal == 0 ? 0 : (int) Math.min(100, 100L * filesDone / filesTotal);
    }
}
