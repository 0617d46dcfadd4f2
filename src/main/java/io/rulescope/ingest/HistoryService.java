package io.rulescope.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.rulescope.catalog.Catalog;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.SourceHistory;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.query.Macro;
import io.rulescope.rule.Rule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads rule histories in the background once a catalog serves, one source after another, and saves each in the
 * data folder so a restart (or the next refresh) reads only the commits since. Owned by {@link IngestService}.
 */
final class HistoryService {

    private static final Logger log = LoggerFactory.getLogger(HistoryService.class);
    /** Bumped when the saved form or what history compares changes, so an old file is never misread. */
    private static final int FORMAT = 5;

    private final IngestProperties properties;
    private final RuleHistories histories;
    private final IndicatorAnalysis analysis;
    private final GitHistory reader;
    private final String build = CatalogSnapshots.buildIdentity();
    private final IngestThreads threads;

    HistoryService(IngestProperties properties, RuleHistories histories, IndicatorAnalysis analysis, IngestPipeline pipeline,
            IngestThreads threads) {
        this.properties = properties;
        this.threads = threads;
        this.histories = histories;
        this.analysis = analysis;
        this.reader = new GitHistory(properties, pipeline);
    }

    /** What a saved history file holds: the history and what it was computed with. */
    private record Saved(String key, SourceHistory history) {
    }

    /** Brings the history of every source with a repository up to the commit the catalog read, in the background. */
    void update(List<Source> sources, Catalog catalog) {
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
    void awaitIdle() throws InterruptedException, java.util.concurrent.ExecutionException {
        threads.history(() -> null).get();
    }

    private void update(Source source, Map<String, Macro> macros) {
        long t = System.nanoTime();
        try {
            SourceHistory previous = histories.of(source.name());
            if (previous == null) {
                previous = load(source).orElse(null);
            }
            SourceHistory history = reader.read(source, previous, analysis.analyzer(macros));
            if (history == null) {
                histories.failed(source.name());
                return;
            }
            histories.publish(history);
            if (history != previous) {
                save(source, history);
                log.info("History of {}: {} commits, {} rules, read in {} ms{}", source.name(), history.commits(),
                        history.versions().size(), (System.nanoTime() - t) / 1_000_000,
                        previous == null ? "" : " (carried on from " + previous.head().substring(0, 10) + ")");
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            log.warn("Could not read the history of {}: {}", source.name(), e.toString());
            histories.failed(source.name());
        }
    }

    private String key(Source source) {
        return "history " + FORMAT + " build " + build + " root " + source.root() + " max " + properties.maxFileBytes();
    }

    private Path file(Source source) {
        return properties.dataFolder().resolve("history").resolve(source.name() + ".history");
    }

    private Optional<SourceHistory> load(Source source) {
        Path file = file(source);
        if (build == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Saved saved = SavedFormat.read(file, Saved.class);
            return saved.key().equals(key(source)) ? Optional.of(saved.history()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring the saved history of {} ({}); reading it again", source.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private void save(Source source, SourceHistory history) {
        if (build == null) {
            return;
        }
        Path file = file(source);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(file.getParent());
            SavedFormat.write(temp, new Saved(key(source), history));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not save the history of {}: {}", source.name(), e.toString());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // named after this process; the next save replaces it
            }
        }
    }

    /** The rules of one file as they were at a version, read from the repository; empty when it cannot be read. */
    List<Rule> rulesAt(Source source, String path, String blob) {
        byte[] bytes = GitHistory.blob(source, blob, properties.maxFileBytes() + 1);
        if (bytes == null || bytes.length > properties.maxFileBytes()) {
            return List.of();
        }
        return GitHistory.rulesOf(source, path, bytes, new YamlReader(properties.maxFileBytes()));
    }
}
