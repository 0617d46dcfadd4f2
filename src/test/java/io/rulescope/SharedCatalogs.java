package io.rulescope;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.build.CatalogBuilder;
import io.rulescope.ingest.setup.IngestProperties;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catalogs of the shared corpus built in-process (no Spring context, no database), once per JVM and set of sources,
 * for tests that need the real rules but not the web stack.
 */
public final class SharedCatalogs {

    private static final Map<List<String>, Catalog> BUILT = new ConcurrentHashMap<>();

    private SharedCatalogs() {
    }

    /** The shared SigmaHQ rules alone. */
    public static Catalog sigma() {
        return of(List.of("sigma=" + SharedData.sigma()));
    }

    /** The shared ESCU and SigmaHQ corpora together. */
    public static Catalog escuAndSigma() {
        return of(List.of("escu=" + SharedData.escu(), "sigma=" + SharedData.sigma()));
    }

    /** The shared Microsoft Sentinel analytic rules alone. */
    public static Catalog sentinel() {
        return of(List.of("sentinel=" + SharedData.sentinel()));
    }

    /** The shared Elastic detection rules alone. */
    public static Catalog elastic() {
        return of(List.of("elastic=" + SharedData.elastic()));
    }

    public static synchronized Catalog of(List<String> sources) {
        return BUILT.computeIfAbsent(sources, s -> {
            AttackCatalog attack = AttackCatalog.load(null);
            IndicatorAnalysis analysis = new IndicatorAnalysis(IndicatorAnalysis.shippedTaxonomy(), IndicatorAnalysis.shippedEventTables());
            try (CatalogBuilder builder = new CatalogBuilder(new IngestProperties(s, 1 << 20, 0, Map.of(), ""), attack, analysis)) {
                return builder.build();
            }
        });
    }
}
