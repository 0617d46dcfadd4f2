package io.rulescope.ingest.build;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.setup.IngestThreads;
import io.rulescope.ingest.snapshot.CatalogSnapshots;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceScanner;
import io.rulescope.search.RuleIndex;

/**
 * Sources in, catalog out: one whole read of a set of sources (scan, read, parse, map, analyse, count, index, compile
 * for matching) with no Spring, no schedule, no fetch, no snapshot and nothing published. The ingest service runs
 * the same pipeline between syncing its sources and publishing; tools, benchmarks and tests that want the catalog of
 * some files use this.
 */
public final class CatalogBuilder implements AutoCloseable {

    private final IngestProperties properties;
    private final AttackCatalog attack;
    private final IngestThreads threads;
    private final IngestPipeline pipeline;

    public CatalogBuilder(IngestProperties properties, AttackCatalog attack, IndicatorAnalysis analysis) {
        this.properties = properties;
        this.attack = attack;
        this.threads = new IngestThreads(properties.effectiveThreads());
        this.pipeline = new IngestPipeline(properties, attack, analysis, new RuleIndex(attack), new CatalogSnapshots(null), threads);
    }

    /** The catalog of the configured sources, as they are on disk (git sources are not fetched). */
    public Catalog build() {
        return build(new SourceScanner(properties).sources());
    }

    public Catalog build(List<Source> sources) {
        IngestRun run = new IngestRun("build", "builder");
        pipeline.readSources(run, sources, null);
        pipeline.build(run, IngestPipeline.Reuse.NONE);
        return run.toCatalog(1, pipeline.indexer().open(run.built), attack, CompletableFuture.completedFuture(run.compileMatcher()),
                pipeline.narrowing());
    }

    @Override
    public void close() {
        threads.close();
    }
}
