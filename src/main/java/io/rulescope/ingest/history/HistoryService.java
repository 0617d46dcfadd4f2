package io.rulescope.ingest.history;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.rulescope.catalog.Catalog;
import io.rulescope.history.HistoryCursor;
import io.rulescope.history.HistoryIncrement;
import io.rulescope.history.RuleHistories;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.build.IngestPipeline;
import io.rulescope.ingest.read.YamlReader;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.setup.IngestThreads;
import io.rulescope.ingest.snapshot.CatalogSnapshots;
import io.rulescope.ingest.source.Source;
import io.rulescope.query.Macro;
import io.rulescope.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads rule histories in the background once a catalog serves, one source after another, and keeps them in the
 * history store, so a restart (or the next refresh) reads only the commits since. Owned by the ingest service.
 */
public final class HistoryService {

    private static final Logger log = LoggerFactory.getLogger(HistoryService.class);
    /** Bumped when what history compares changes, so versions read by an older build are read again. */
    private static final int FORMAT = 6;

    private final IngestProperties properties;
    private final RuleHistories histories;
    private final IndicatorAnalysis analysis;
    private final GitHistory reader;
    /** A build that cannot say what it is (run from classes) reads every history again rather than trust an old one. */
    private static final String BUILD = java.util.Objects.requireNonNullElse(CatalogSnapshots.buildIdentity(),
            "unknown " + java.util.UUID.randomUUID());
    private final IngestThreads threads;
    /**
     * The cursor each source's history stopped at, with the key it was read under: the next refresh carries on from it
     * without reading it back from the store. Only the history thread touches it.
     */
    private final Map<String, Map.Entry<String, HistoryCursor>> cursors = new java.util.HashMap<>();

    public HistoryService(IngestProperties properties, RuleHistories histories, IndicatorAnalysis analysis, IngestPipeline pipeline,
            IngestThreads threads) {
        this.properties = properties;
        this.threads = threads;
        this.histories = histories;
        this.analysis = analysis;
        this.reader = new GitHistory(properties, pipeline);
    }

    /** Brings the history of every source with a repository up to the commit the catalog read, in the background. */
    public void update(List<Source> sources, Catalog catalog) {
        List<Source> withHistory = sources.stream().filter(s -> !s.isEmbedded()).toList();
        for (Source source : withHistory) {
            if (histories.state(source.name()) != RuleHistories.State.READY) {
                histories.reading(source.name());
            }
        }
        Map<String, Macro> macros = catalog.macros();
        threads.history(() -> {
            withHistory.forEach(source -> update(source, macros));
            return null;
        });
    }

    /** Blocks until the histories asked for so far are read (tests, tools). */
    public void awaitIdle() throws InterruptedException, java.util.concurrent.ExecutionException {
        threads.history(() -> null).get();
    }

    private void update(Source source, Map<String, Macro> macros) {
        long t = System.nanoTime();
        try {
            String key = key(source);
            Map.Entry<String, HistoryCursor> kept = cursors.get(source.name());
            HistoryCursor previous = kept != null && kept.getKey().equals(key) ? kept.getValue()
                    : histories.store().cursor(source.name(), key).orElse(null);
            long read = System.nanoTime();
            HistoryIncrement increment = reader.read(source, previous, analysis.analyzer(macros));
            if (increment == null) {
                histories.failed(source.name());
                return;
            }
            long stored = System.nanoTime();
            if (increment.cursor() != previous) {
                histories.store().save(key, increment);
            }
            long published = System.nanoTime();
            cursors.put(source.name(), Map.entry(key, increment.cursor()));
            histories.publish(increment);
            if (increment.cursor() != previous) {
                log.info("History of {}: {} commits, {} new versions in {} ms (cursor {}, read {}, stored {}, summed up {} ms){}",
                        source.name(), increment.cursor().commits(), increment.versions().size(), millisSince(t), millis(t, read),
                        millis(read, stored), millis(stored, published), millisSince(published),
                        previous == null ? "" : " (carried on from " + previous.head().substring(0, 10) + ")");
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            log.warn("Could not read the history of {}: {}", source.name(), e.toString());
            histories.failed(source.name());
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static long millisSince(long from) {
        return millis(from, System.nanoTime());
    }

    /** What a stored history was read with: a cursor from another build, root or size cap is not carried on from. */
    private String key(Source source) {
        return "history " + FORMAT + " build " + BUILD + " root " + source.root() + " max " + properties.maxFileBytes();
    }

    /** The rules of one file as they were at a version, read from the repository; empty when it cannot be read. */
    public List<Rule> rulesAt(Source source, String path, String blob) {
        byte[] bytes = GitHistory.blob(source, blob, properties.maxFileBytes() + 1);
        if (bytes == null || bytes.length > properties.maxFileBytes()) {
            return List.of();
        }
        return GitHistory.rulesOf(source, path, bytes, new YamlReader(properties.maxFileBytes()));
    }
}
