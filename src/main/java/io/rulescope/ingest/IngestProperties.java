package io.rulescope.ingest;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where rules come from and how hard ingest may work.
 *
 * @param sources directories scanned recursively for {@code *.yml}/{@code *.yaml}, each optionally named
 *     {@code name=path}; the word {@code embedded} stands for the {@code content/} shipped in the jar, which is also
 *     what an empty list means
 * @param maxFileBytes files larger than this are refused unread
 * @param threads parse threads; 0 means one per core
 * @param webHomes per source name, the URL prefix of its files on the web, where it is not recognised by itself
 * @param snapshotDir where the catalog is saved after an ingest, so a restart over unchanged content and code can skip
 *     reading it again; empty turns this off
 */
@ConfigurationProperties("rulescope")
public record IngestProperties(@DefaultValue List<String> sources, @DefaultValue("1048576") long maxFileBytes,
        @DefaultValue("0") int threads, @DefaultValue Map<String, String> webHomes, @DefaultValue("") String snapshotDir) {

    public java.nio.file.Path snapshotFolder() {
        return snapshotDir == null || snapshotDir.isBlank() ? null : java.nio.file.Path.of(snapshotDir);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
