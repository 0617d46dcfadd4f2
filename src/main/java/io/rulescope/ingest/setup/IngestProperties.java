package io.rulescope.ingest.setup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where rules come from, how hard ingest may work and how the catalog stays current.
 *
 * @param sources directories scanned recursively for {@code *.yml}/{@code *.yaml}, or git repositories
 *     ({@code name=URL[#ref]}), each optionally named {@code name=...}; the word {@code embedded} stands for the
 *     {@code content/} shipped in the jar, which is also what an empty list means
 * @param maxFileBytes files larger than this are refused unread
 * @param threads parse threads; 0 means one per core
 * @param webHomes per source name, the URL prefix of its files on the web, where it is not recognised by itself
 * @param snapshotDir where the catalog is saved after an ingest, so a restart over unchanged content and code can skip
 *     reading it again; empty turns this off
 * @param dataDir where git sources are cloned, one folder per source, reused across restarts
 * @param refreshInterval how often to refresh; unset means hourly when a git source is configured and never
 *     otherwise; {@code 0} turns scheduled refreshes off
 * @param adminToken the bearer token {@code POST /api/refresh} requires; unset, the endpoint does not exist
 */
@ConfigurationProperties("rulescope")
public record IngestProperties(@DefaultValue List<String> sources, @DefaultValue("1048576") long maxFileBytes,
        @DefaultValue("0") int threads, @DefaultValue Map<String, String> webHomes, @DefaultValue("") String snapshotDir,
        @DefaultValue("") String dataDir, Duration refreshInterval, @DefaultValue("") String adminToken) {

    @ConstructorBinding
    public IngestProperties {
    }

    /** The settings that existed before git sources and refreshes (tests and tools). */
    public IngestProperties(List<String> sources, long maxFileBytes, int threads, Map<String, String> webHomes, String snapshotDir) {
        this(sources, maxFileBytes, threads, webHomes, snapshotDir, "", null, "");
    }

    public Path snapshotFolder() {
        return snapshotDir == null || snapshotDir.isBlank() ? null : Path.of(snapshotDir);
    }

    public Path dataFolder() {
        return dataDir == null || dataDir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "rulescope") : Path.of(dataDir);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "IngestProperties[sources=" + sources + ", maxFileBytes=" + maxFileBytes + ", threads=" + threads
                + ", snapshotDir=" + snapshotDir + ", dataDir=" + dataDir + ", refreshInterval=" + refreshInterval
                + ", adminToken=" + (hasAdminToken() ? "(set)" : "(unset)") + "]";
    }
}
