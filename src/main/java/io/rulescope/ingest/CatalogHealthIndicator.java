package io.rulescope.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.List;

import io.rulescope.catalog.IngestReport;

/**
 * Health is UP only once the catalog is loaded and settled (its index merged, the database written, the matcher
 * compiled), so orchestrators route traffic to a catalog that answers every search as it will later.
 */
@Component("catalog")
class CatalogHealthIndicator implements HealthIndicator {

    private final IngestService ingest;

    CatalogHealthIndicator(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public Health health() {
        // Health is no one's in particular: it counts what anyone may read.
        IngestReport report = ingest.report(ingest.everyone());
        Health.Builder health = switch (report.state()) {
            case READY -> ingest.settled() ? Health.up() : Health.outOfService().withDetail("warmingUp", true);
            case LOADING -> Health.outOfService();
            case FAILED -> Health.down();
        };
        List<RefreshRecord> refreshes = ingest.refreshes(ingest.everyone());
        if (!refreshes.isEmpty()) {
            RefreshRecord last = refreshes.get(0);
            health.withDetail("lastRefresh", last.outcome() + (last.reason() == null ? "" : ": " + last.reason()));
        }
        return health.withDetail("state", report.state()).withDetail("phase", report.phase())
                .withDetail("rules", report.totals().rules()).withDetail("filesDone", report.filesDone())
                .withDetail("filesTotal", report.filesTotal()).build();
    }
}
