package io.rulescope.ingest.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.ingest.read.SupportingData;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.search.IndexField;
import io.rulescope.search.RuleIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;

/**
 * Catalogs saved after an ingest, keyed by a hash of everything the result depends on: the bytes of every source
 * file, each git source's commit, the ingest settings, the ATT&CK catalog and the build of the code. A restart that
 * finds its key skips reading, parsing, analysis and indexing. A snapshot that cannot be read (damaged, written by
 * another version, planted) is ignored with a warning and ingest reads the sources as usual: its files are
 * {@link SavedFormat} (no Java serialisation, each checked against its digest) and its index files are checked against
 * the digests saved beside them before Lucene opens them.
 *
 * <p>The folder may be shared, with other programs or with other instances of Rulescope: only entries named
 * {@code rulescope-catalog-*} are ever written or deleted, each snapshot appears by an atomic rename, and the newest
 * {@link #KEPT} are kept, so two replicas that save different catalogs do not delete each other's.
 */
public final class CatalogSnapshots {

    private static final Logger log = LoggerFactory.getLogger(CatalogSnapshots.class);

    /** Bumped when the saved form changes incompatibly; part of the key, so old snapshots are never misread. */
    private static final int FORMAT = 6;
    private static final String RULES_FILE = "rules.smile";
    private static final String ANALYSIS_FILE = "analysis.smile";
    private static final String INDEX_FOLDER = "index";
    private static final String INDEX_DIGESTS_FILE = "index-digests.smile";

    public static final String PREFIX = "rulescope-catalog-";
    private static final String TEMP_PREFIX = ".rulescope-catalog-";
    public static final int KEPT = 3;

    /** In each snapshot: which instance wrote it, so replicas sharing the folder delete only their own. */
    static final String OWNER_FILE = "owner";

    private final Path folder;
    private final String build;
    private final String owner;
    private final String ownerTag;

    /** {@code folder} null or blank turns snapshots off. */
    public CatalogSnapshots(Path folder) {
        this(folder, "this instance");
    }

    /** @param owner names this instance among those that may share the folder (its data folder and host) */
    public CatalogSnapshots(Path folder, String owner) {
        this.folder = folder;
        this.owner = owner;
        this.ownerTag = Integer.toHexString(owner.hashCode());
        this.build = buildIdentity();
        if (folder != null && build == null) {
            log.info("Catalog snapshots are off: this build has no META-INF/build-info.properties to tell it apart");
        }
    }

    /** An instance is its data folder on its host: replicas each have their own data folder, even on one host. */
    public static String ownerOf(Path dataFolder) {
        // The environment's name for the host (a container's id): a DNS look-up of the local name can stall a start.
        String host = System.getenv().getOrDefault("HOSTNAME", "");
        return dataFolder.toAbsolutePath().normalize() + " on " + host;
    }

    public boolean enabled() {
        return folder != null && build != null;
    }

    /** What a snapshot holds besides the index. */
    public record Saved(List<Rule> rules, Analysis analysis) {
    }

    /** Everything derived from the rules; saved apart from them so a restart can read both files at once. */
    public record Analysis(Map<String, QueryAnalysis> analyses, SupportingData support, List<IngestProblem> problems, int skipped) {
    }

    /** The rules file as saved. */
    private record SavedRules(List<Rule> rules) {
    }

    /** The analysis file as saved: plain tables only. */
    private record SavedAnalysis(HashMap<String, QueryAnalysis> analyses, SupportingData.Tables support,
            List<IngestProblem> problems, int skipped) {

        Analysis analysis() {
            return new Analysis(analyses, SupportingData.of(support), problems, skipped);
        }
    }

    /** Each index file's SHA-256, so a damaged or replaced index is found before Lucene reads it. */
    private record IndexDigests(HashMap<String, String> sha256ByFile) {
    }

    /** The key of a catalog read from these files, whose bytes hash to {@code hashes}, with these settings. */
    public String key(List<SourceFile> files, List<String> hashes, IngestProperties properties, String attackFingerprint,
            Map<String, String> sourceVersions) {
        MessageDigest digest = SavedFormat.sha256();
        update(digest, "rulescope-snapshot " + FORMAT + " index " + IndexField.VERSION + " build " + build);
        update(digest, "settings " + properties.sources() + " " + properties.maxFileBytes() + " " + properties.webHomes());
        update(digest, "attack " + attackFingerprint);
        update(digest, "versions " + new java.util.TreeMap<>(sourceVersions));
        for (int i = 0; i < files.size(); i++) {
            SourceFile file = files.get(i);
            update(digest, file.source().name() + "\u0000" + file.path() + "\u0000" + hashes.get(i));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }

    /**
     * Opens the snapshot saved under this key: its rules are read here, while its analysis and index are read on
     * another thread, so the caller can store the rules meanwhile. Empty if there is none or its rules are unreadable.
     */
    public Optional<Opened> open(String key) {
        if (!enabled()) {
            return Optional.empty();
        }
        Path dir = folder.resolve(PREFIX + key);
        if (!Files.isRegularFile(dir.resolve(RULES_FILE))) {
            return Optional.empty();
        }
        touch(dir);
        CompletableFuture<Derived> derived = CompletableFuture.supplyAsync(() -> {
            try {
                Analysis analysis = SavedFormat.read(dir.resolve(ANALYSIS_FILE), SavedAnalysis.class).analysis();
                checkIndex(dir);
                return new Derived(analysis, RuleIndex.Built.loadFrom(dir.resolve(INDEX_FOLDER)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            // A list a restored ingest may add to.
            List<Rule> rules = new ArrayList<>(SavedFormat.read(dir.resolve(RULES_FILE), SavedRules.class).rules());
            return Optional.of(new Opened(dir, rules, derived));
        } catch (IOException | RuntimeException e) {
            ignoring(dir, e);
            return Optional.empty();
        }
    }

    private static void checkIndex(Path dir) throws IOException {
        Map<String, String> expected = SavedFormat.read(dir.resolve(INDEX_DIGESTS_FILE), IndexDigests.class).sha256ByFile();
        Map<String, String> found = indexDigests(dir.resolve(INDEX_FOLDER));
        if (!found.keySet().equals(expected.keySet())) {
            throw new IOException("its index holds other files than it saved");
        }
        for (Map.Entry<String, String> file : found.entrySet()) {
            if (!file.getValue().equals(expected.get(file.getKey()))) {
                throw new IOException("its index file " + file.getKey() + " does not match its digest");
            }
        }
    }

    private static HashMap<String, String> indexDigests(Path index) throws IOException {
        HashMap<String, String> digests = new HashMap<>();
        try (Stream<Path> files = Files.list(index)) {
            for (Path file : files.toList()) {
                if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("its index holds " + file.getFileName() + ", which is not a file");
                }
                MessageDigest digest = SavedFormat.sha256();
                try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                digests.put(file.getFileName().toString(), HexFormat.of().formatHex(digest.digest()));
            }
        }
        return digests;
    }

    /** A snapshot whose rules are read and whose analysis and index may still be on their way. */
    public record Opened(Path dir, List<Rule> rules, CompletableFuture<Derived> pending) {

        /** The analysis and index, or empty (and logged) if they could not be read. */
        public Optional<Derived> derived() {
            try {
                return Optional.of(pending.join());
            } catch (RuntimeException e) {
                ignoring(dir, e);
                return Optional.empty();
            }
        }
    }

    public record Derived(Analysis analysis, RuleIndex.Built index) {
    }

    private static void ignoring(Path dir, Exception e) {
        Throwable cause = e;
        while ((cause instanceof UncheckedIOException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause instanceof java.nio.file.NoSuchFileException ? "it lacks " + cause.getMessage()
                : cause instanceof IOException && cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        log.warn("Ignoring catalog snapshot {} and reading the sources instead: {}", dir, reason);
    }

    /**
     * Writes the snapshot under a temporary name and renames it into place, then removes this program's snapshots
     * beyond the newest {@link #KEPT}. Nothing else in the folder is touched.
     */
    public void save(String key, Saved saved, RuleIndex.Built index) {
        if (!enabled()) {
            return;
        }
        Path target = folder.resolve(PREFIX + key);
        Path temp = folder.resolve(TEMP_PREFIX + key + ".tmp-" + ownerTag + "-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(folder);
            deleteTree(temp);
            Files.createDirectories(temp);
            Files.writeString(temp.resolve(OWNER_FILE), owner, java.nio.charset.StandardCharsets.UTF_8);
            SavedFormat.write(temp.resolve(RULES_FILE), new SavedRules(saved.rules()));
            Analysis analysis = saved.analysis();
            SavedFormat.write(temp.resolve(ANALYSIS_FILE), new SavedAnalysis(new HashMap<>(analysis.analyses()),
                    analysis.support().tables(), analysis.problems(), analysis.skipped()));
            index.saveTo(temp.resolve(INDEX_FOLDER));
            SavedFormat.write(temp.resolve(INDEX_DIGESTS_FILE), new IndexDigests(indexDigests(temp.resolve(INDEX_FOLDER))));
            if (!Files.exists(target)) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                deleteTree(temp);
                touch(target);
            }
            prune(target);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not save a catalog snapshot in {} (the next start will read the sources again): {}", folder, e.toString());
            try {
                deleteTree(temp);
            } catch (IOException ignored) {
                // the temporary folder is named after this process and is replaced by the next attempt
            }
        }
    }

    /**
     * Deletes this instance's snapshots beyond the newest few, and its temporary folders that no running process owns.
     * Another instance's snapshots and temporary folders are never touched, even in a shared folder.
     */
    private void prune(Path keep) throws IOException {
        List<Path> ours;
        try (Stream<Path> all = Files.list(folder)) {
            ours = all.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(this::writtenHere).sorted(Comparator.comparing(CatalogSnapshots::modified).reversed()).toList();
        }
        int others = 0;
        for (Path snapshot : ours) {
            if (!snapshot.equals(keep) && ++others >= KEPT) {
                deleteTree(snapshot);
            }
        }
        try (Stream<Path> all = Files.list(folder)) {
            for (Path temp : all.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)
                    && p.getFileName().toString().contains(".tmp-" + ownerTag + "-")).toList()) {
                String name = temp.getFileName().toString();
                long pid = parsePid(name.substring(name.lastIndexOf("-") + 1));
                if (pid > 0 && ProcessHandle.of(pid).isEmpty()) {
                    deleteTree(temp);
                }
            }
        }
    }

    /** Written by this instance: its owner file names it (a snapshot of a build before owner files counts as ours). */
    private boolean writtenHere(Path snapshot) {
        Path file = snapshot.resolve(OWNER_FILE);
        try {
            return !Files.exists(file) || Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).equals(owner);
        } catch (IOException e) {
            return false;
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** A snapshot used again counts as new, so the one a replica restarts from is the last to be pruned. */
    private static void touch(Path dir) {
        try {
            Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } catch (IOException e) {
            // only the pruning order suffers
        }
    }

    /** One file's part of the key; ingest computes these in parallel, beside the read. */
    public static String fileHash(SourceFile file) {
        MessageDigest digest = SavedFormat.sha256();
        try {
            digest.update(file.read());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            // Unreadable now: the key records that, so a later readable state is a different key.
            return "unreadable " + e.getClass().getSimpleName();
        }
    }

    /** The build-info Maven writes into the jar; without it (an IDE run) the code cannot be told apart, so no snapshots. */
    public static String buildIdentity() {
        ClassPathResource info = new ClassPathResource("META-INF/build-info.properties");
        if (!info.exists()) {
            return null;
        }
        try (InputStream in = info.getInputStream()) {
            return HexFormat.of().formatHex(SavedFormat.sha256().digest(in.readAllBytes()));
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
