package io.rulescope.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.rulescope.catalog.IngestReport;

/** Health is UP only once the catalog is loaded, so orchestrators route traffic to a complete catalog. */
@Component("catalog")
class CatalogHealthIndicator implements HealthIndicator {

    private final IngestService ingest;

    CatalogHealthIndicator(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public Health health() {
        IngestReport report = ingest.report();
        Health.Builder health = switch (report.state()) {
            case READY -> Health.up();
            case LOADING -> Health.outOfService();
            case FAILED -> Health.down();
        };
        return health.withDetail("state", report.state()).withDetail("phase", report.phase())
                .withDetail("rules", report.totals().rules()).withDetail("filesDone", report.filesDone())
                .withDetail("filesTotal", report.filesTotal()).build();
    }
}
