package io.rulescope.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed process leaves mid-write is swept at the next start; what a running one is writing is not. */
class LeftoversTest {

    @Test
    void leftoversOfProcessesThatAreGoneAreSweptAndEverythingElseStays(@TempDir Path data) throws Exception {
        long gone = deadPid();
        long running = ProcessHandle.current().pid();
        Path deadClone = Files.createDirectories(data.resolve("git/sigma.cloning-" + gone + "/.git"));
        Path liveClone = Files.createDirectories(data.resolve("git/escu.cloning-" + running));
        Path clone = Files.createDirectories(data.resolve("git/sigma/.git"));
        Path deadHistory = Files.writeString(Files.createDirectories(data.resolve("history")).resolve("sigma.history.tmp-" + gone), "x");
        Path history = Files.writeString(data.resolve("history/sigma.history"), "x");

        assertThat(Leftovers.sweep(data)).isEqualTo(2);

        assertThat(deadClone.getParent()).doesNotExist();
        assertThat(deadHistory).doesNotExist();
        assertThat(liveClone).exists();
        assertThat(clone).exists();
        assertThat(history).exists();
        assertThat(Leftovers.sweep(data.resolve("nothing-here"))).isZero();
    }

    /** A process id no process has: a short-lived child's, once it has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return pid;
    }
}
