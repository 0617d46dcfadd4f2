package io.rulescope;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the shared corpus and ATT&CK bundle are for tests: {@code ../shared} beside the project, or the
 * {@code rulescope.shared} system property. Tests that need them are disabled, with this reason, when absent.
 */
public final class SharedData {

    public static final String MISSING = "../shared is absent: the corpus and ATT&CK tests need the shared data beside the project";

    private SharedData() {
    }

    public static Path root() {
        return Path.of(System.getProperty("rulescope.shared", "../shared")).toAbsolutePath().normalize();
    }

    public static Path escu() {
        return root().resolve("corpus/escu");
    }

    public static Path sigma() {
        return root().resolve("corpus/sigma");
    }

    public static Path sentinel() {
        return root().resolve("corpus/sentinel");
    }

    public static Path elastic() {
        return root().resolve("corpus/elastic");
    }

    public static boolean sentinelPresent() {
        return Files.isDirectory(sentinel());
    }

    public static boolean elasticPresent() {
        return Files.isDirectory(elastic().resolve("rules"));
    }

    public static Path attackBundle() {
        return root().resolve("attack/enterprise-attack.json");
    }

    /** The SigmaHQ history as a git bundle (222 commits). */
    public static Path sigmaHistory() {
        return root().resolve("git/sigma-history.bundle");
    }

    public static boolean historyPresent() {
        return Files.isRegularFile(sigmaHistory());
    }

    public static boolean corpusPresent() {
        return Files.isDirectory(escu().resolve("detections")) && Files.isDirectory(sigma().resolve("rules"));
    }

    public static boolean attackPresent() {
        return Files.isRegularFile(attackBundle());
    }
}
