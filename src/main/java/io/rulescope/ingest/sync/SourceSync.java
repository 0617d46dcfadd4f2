package io.rulescope.ingest.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.build.IngestRun;
import io.rulescope.ingest.source.GitCredentials;
import io.rulescope.ingest.source.GitSources;
import io.rulescope.ingest.source.Source;

/**
 * Brings the configured sources up to date before an ingest reads them: clones or fetches each git repository and
 * checks out its branch, notes the commit a directory is at, and remembers each repository's latest fetch, which the
 * ingest report shows even when nothing changed since the catalog served.
 */
public final class SourceSync {

    private final GitSources git = new GitSources(GitCredentials.fromEnvironment());
    private volatile Map<String, GitSources.Synced> lastSync = Map.of();

    /**
     * Brings every git source up to date (clone or fetch, then checkout) and notes each source's version. A source
     * that has nothing to read fails a refresh (the current catalog keeps serving) but not the first ingest, which
     * serves the other sources and reports it.
     */
    public List<Source> sync(IngestRun run, List<Source> configured, boolean refreshing) {
        run.setPhase("fetch");
        IngestRun.Timing fetch = run.time("fetch");
        List<Source> sources = new ArrayList<>();
        List<IngestReport.SourceSummary> summaries = new ArrayList<>();
        Map<String, GitSources.Synced> synced = new java.util.HashMap<>();
        for (Source source : configured) {
            GitSources.Synced state = source.isGit() ? git.sync(source) : source.isEmbedded() ? null : GitSources.head(source.root());
            summaries.add(summaryOf(source, state));
            if (source.isGit()) {
                synced.put(source.name(), state);
            }
            if (state != null && !state.usable()) {
                if (refreshing) {
                    throw new IllegalStateException("git source " + source.name() + " (" + source.git().displayUrl() + "): " + state.outcome());
                }
                run.problems.add(IngestProblem.error(source.name(), source.git().displayUrl(), "could not be cloned: " + state.outcome()));
                continue;
            }
            if (source.isGit()) {
                run.sourceVersions.put(source.name(), state.commit());
                if (state.outcome() != null && state.outcome().startsWith("failed")) {
                    run.fetchFailures.add(source.name() + " (" + source.git().displayUrl() + "): " + state.outcome());
                }
            }
            sources.add(source);
        }
        run.sourceSummaries = List.copyOf(summaries);
        lastSync = Map.copyOf(synced);
        if (configured.stream().anyMatch(Source::isGit)) {
            fetch.stop();
        }

        return sources;
    }

    /** The catalog's report with each git source's latest fetch, which may be newer than the catalog. */
    public IngestReport withLastFetches(IngestReport report) {
        Map<String, GitSources.Synced> synced = lastSync;
        if (synced.isEmpty()) {
            return report;
        }
        List<IngestReport.SourceSummary> sources = report.sources().stream().map(s -> {
            GitSources.Synced last = synced.get(s.name());
            return last == null || !"git".equals(s.kind()) ? s : new IngestReport.SourceSummary(s.name(), s.label(), s.kind(), s.root(),
                    s.url(), s.ref(), s.commit(), s.commitDate(), last.fetchedAt(), last.outcome(), s.webHome(), s.files(), s.rules());
        }).toList();
        return report.withSources(sources);
    }

    static IngestReport.SourceSummary summaryOf(Source source, GitSources.Synced synced) {
        String kind = source.isEmbedded() ? "embedded" : source.isGit() ? "git" : "directory";
        return new IngestReport.SourceSummary(source.name(), source.label(), kind,
                source.isEmbedded() ? "(embedded)" : source.root().toString(), source.isGit() ? source.git().displayUrl() : null,
                source.isGit() ? source.git().ref() : null, synced == null ? null : synced.commit(),
                synced == null ? null : synced.commitDate(), synced == null ? null : synced.fetchedAt(),
                synced == null ? null : synced.outcome(), source.webHome(), 0, 0);
    }
}
