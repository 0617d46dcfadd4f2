package io.rulescope.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a process killed mid-write leaves in the data folder: a clone cut short ({@code git/<source>.cloning-<pid>})
 * or a history being saved ({@code history/<source>.history.tmp-<pid>}). Each is named after its writer; one whose
 * writer is no longer running is swept at start, so the folder does not grow with every crash.
 */
public final class Leftovers {

    private static final Pattern OWNED = Pattern.compile(".*\\.(?:cloning|tmp)-(\\d+)");
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    /** Deletes the leftovers of processes that are gone from {@code git/} and {@code history/}; returns how many. */
    public static int sweep(Path dataFolder) {
        int swept = 0;
        for (Path folder : List.of(dataFolder.resolve("git"), dataFolder.resolve("history"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(folder)) {
                for (Path entry : entries.toList()) {
                    Matcher m = OWNED.matcher(entry.getFileName().toString());
                    if (m.matches() && !alive(m.group(1))) {
                        GitSources.deleteTree(entry);
                        swept++;
                    }
                }
            } catch (IOException e) {
                log.warn("Could not sweep {}: {}", folder, e.toString());
            }
        }
        if (swept > 0) {
            log.info("Swept {} leftover(s) of processes that stopped mid-write from {}", swept, dataFolder);
        }
        return swept;
    }

    private static boolean alive(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id == ProcessHandle.current().pid() || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
