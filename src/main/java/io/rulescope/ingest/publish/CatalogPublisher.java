package io.rulescope.ingest.publish;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.build.IngestPipeline;
import io.rulescope.ingest.build.IngestRun;
import io.rulescope.match.EventMatcher;
import io.rulescope.search.RuleIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes what a run built the catalog every new request reads, and finishes it once it serves: the event matcher
 * compiled, the index merged into one segment.
 */
public final class CatalogPublisher {

    private static final Logger log = LoggerFactory.getLogger(CatalogPublisher.class);

    private final CatalogHolder catalogs;
    private final IngestPipeline pipeline;
    private final AttackCatalog attack;

    public CatalogPublisher(CatalogHolder catalogs, IngestPipeline pipeline, AttackCatalog attack) {
        this.catalogs = catalogs;
        this.pipeline = pipeline;
        this.attack = attack;
    }

    /** Makes the catalog this run built the one every new request reads. */
    public Catalog publish(IngestRun run, CompletableFuture<EventMatcher> matcher) {
        Catalog next = run.toCatalog(catalogs.nextGeneration(),
                mergesAfterServing(run) ? pipeline.indexer().openUntilMerged(run.built) : pipeline.indexer().open(run.built), attack, matcher,
                pipeline.narrowing());
        catalogs.publish(next);
        prepareViewForEveryone(next);
        IngestReport.Totals totals = next.report().totals();
        log.info("Ingest {} done: {} files ({} unchanged and reused), {} rules, {} skipped, {} errors, {} warnings in {} ms "
                + "(phases ms: {}); supporting data: {}; {} distinct indicators",
                run.id, totals.files(), run.reusedFiles.get(), totals.rules(), totals.skipped(), totals.errors(),
                totals.warnings(), totals.totalMillis(), run.phases, run.support.counts(), next.indicators().distinctIndicators());
        if (totals.errors() > 0) {
            log.warn("{} file(s) or document(s) could not be ingested; see /ingest for each reason", totals.errors());
        }
        return next;
    }

    /**
     * With private sources, the view everyone may read is made at once, off the ingest thread, so the first anonymous
     * reader does not wait for its index.
     */
    private void prepareViewForEveryone(Catalog next) {
        if (!next.privateSources().isEmpty()) {
            CompletableFuture.runAsync(() -> {
                // Through the holder, which keeps the catalog open meanwhile (or makes its successor's view instead).
                try (CatalogHolder.Lease lease = catalogs.acquire(io.rulescope.catalog.Audience.publicOnly(next.privateSources()))) {
                    log.debug("The public view of {} is ready: {}", next, lease.catalog());
                } catch (RuntimeException e) {
                    log.warn("Could not make the public view of {} ahead of its first reader: {}", next, e.toString());
                }
            });
        }
    }

    /**
     * The published catalog again with its index merged into one segment, which makes every search a little cheaper;
     * ingest leaves the merge until the catalog serves (it took 0.3-0.4 s of a four-corpus start). Same key, same
     * answers, so ETags stay valid and the new generation keeps the caches (rule views, pages, answers) of the one it
     * replaces. The saved snapshot and the next refresh start from the merged index.
     */
    public Catalog withOneSegment(IngestRun run, Catalog published) {
        if (!mergesAfterServing(run)) {
            return published;
        }
        IngestRun.Timing merge = run.time("merge");
        RuleIndex.Built merged = pipeline.indexer().merged(run.built);
        run.built = merged;
        if (run.reuse != null) {
            run.reuse = run.reuse.withIndex(merged);
        }
        Catalog compact = published.withIndex(catalogs.nextGeneration(), pipeline.indexer().open(merged));
        catalogs.publish(compact);
        merge.stop();
        return compact;
    }

    /**
     * Only a full build is merged: a refresh adds a segment of the changed rules to segments whose tables are already
     * laid out and found again by segment id, which a merge would throw away.
     */
    private boolean mergesAfterServing(IngestRun run) {
        return run.delta == null && run.built != null && pipeline.indexer().mergeable(run.built);
    }

    /** The phases that ran after the catalog was published, as they are logged and reported. */
    public static Map<String, Long> afterServing(IngestRun run) {
        Map<String, Long> after = new java.util.LinkedHashMap<>();
        for (String phase : List.of("compact", "matcher", "merge")) {
            Long ms = run.phases.get(phase);
            if (ms != null) {
                after.put(phase, ms);
            }
        }
        return after;
    }
}
