package io.rulescope.ingest;

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

    public enum State { LOADING, READY, FAILED }

    public record SourceSummary(String name, String label, String root, String webHome, int files, int rules) {
    }

    public record Supporting(int macros, int dataSources, int stories) {
    }

    /**
     * @param files YAML files found
     * @param rules rules in the catalog
     * @param skipped files that are not rules (supporting data is counted apart)
     * @param errors files or documents that could not be ingested
     */
    public record Totals(int files, int rules, int skipped, int errors, int warnings, long totalMillis) {
    }

    static IngestReport starting(Instant now) {
        return new IngestReport(State.LOADING, "starting", 0, 0, now, null, List.of(), Map.of(), Map.of(),
                new Supporting(0, 0, 0), Map.of(), new Totals(0, 0, 0, 0, 0, 0), List.of());
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public int percentDone() {
        return filesTotal == 0 ? 0 : (int) Math.min(100, 100L * filesDone / filesTotal);
    }
}
