package io.rulescope.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.KnownRepository;
import io.rulescope.ingest.setup.IngestProperties;

/**
 * Turns the configured source list into {@link Source}s and lists their YAML files. It never follows a symbolic
 * link out of a source, never loops, and reports what it cannot read instead of failing.
 */
public class SourceScanner {

    /** Names the embedded content in a source list, so it can be combined with directories. */
    static final String EMBEDDED_KEYWORD = "embedded";

    /** Marks a source entry private: {@code acme=/srv/rules;private}. */
    private static final java.util.regex.Pattern PRIVATE_SUFFIX = java.util.regex.Pattern.compile("\\s*;\\s*private\\s*$",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private final IngestProperties properties;

    public SourceScanner(IngestProperties properties) {
        this.properties = properties;
    }

    public List<Source> sources() {
        if (properties.sources().stream().allMatch(String::isBlank)) {
            return List.of(embedded());
        }
        Map<String, Source> byName = new LinkedHashMap<>();
        for (String configured : properties.sources()) {
            if (configured.isBlank()) {
                continue;
            }
            if (configured.strip().equals(EMBEDDED_KEYWORD)) {
                byName.putIfAbsent(Source.EMBEDDED, embedded());
                continue;
            }
            boolean restricted = PRIVATE_SUFFIX.matcher(configured).find();
            String entry = PRIVATE_SUFFIX.matcher(configured).replaceFirst("");
            int eq = entry.indexOf('=');
            // A '=' inside a URL (a query string) is not a name separator: names have no ':' or '/'.
            String explicitName = eq > 0 && !entry.substring(0, eq).matches(".*[:/\\\\].*") ? entry.substring(0, eq).strip() : null;
            String location = explicitName != null ? entry.substring(eq + 1).strip() : entry.strip();
            if (GitUrls.isGitUrl(location)) {
                int hash = location.lastIndexOf('#');
                String url = hash > 0 ? location.substring(0, hash) : location;
                String ref = hash > 0 && hash < location.length() - 1 ? location.substring(hash + 1) : null;
                String name = uniqueName(explicitName != null ? explicitName : sanitise(GitUrls.repositoryName(url)), byName.keySet());
                Source git = describeGit(name, new Source.GitRemote(url, ref));
                byName.put(name, restricted ? git.restrictedToGranted() : git);
                continue;
            }
            Path root = Path.of(location).toAbsolutePath().normalize();
            String name = uniqueName(explicitName != null ? explicitName : defaultName(root), byName.keySet());
            Source directory = describe(name, root);
            byName.put(name, restricted ? directory.restrictedToGranted() : directory);
        }
        return List.copyOf(byName.values());
    }

    private static Source embedded() {
        return new Source(Source.EMBEDDED, null, null, "Rulescope content");
    }

    private static String defaultName(Path root) {
        Path fileName = root.getFileName();
        return fileName == null ? "source" : sanitise(fileName.toString());
    }

    private static String sanitise(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return s.isEmpty() || s.startsWith(".") ? "source" + s : s;
    }

    /** A git source reads the work tree of its clone in the data folder; its files link to GitHub when it is there. */
    private Source describeGit(String name, Source.GitRemote remote) {
        Path root = properties.dataFolder().resolve("git").resolve(name).toAbsolutePath().normalize();
        String configured = properties.webHomes().get(name);
        String webHome = configured != null ? (configured.endsWith("/") ? configured : configured + "/")
                : GitUrls.githubHome(remote.url(), remote.ref());
        String label = remote.displayUrl().replaceFirst("^[a-z]+://", "").replaceFirst("\\.git$", "");
        return new Source(name, root, webHome, label, remote);
    }

    private static String uniqueName(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    /** Recognises the public rule repositories the dialects know by their layout, so links point at the files on GitHub. */
    private Source describe(String name, Path root) {
        String configured = properties.webHomes().get(name);
        if (configured != null) {
            return new Source(name, root, configured.endsWith("/") ? configured : configured + "/", name);
        }
        for (Dialect dialect : Dialects.all()) {
            Optional<KnownRepository> known = dialect.repository(root);
            if (known.isPresent()) {
                return new Source(name, root, known.get().webHome(), known.get().label());
            }
        }
        return new Source(name, root, null, name);
    }

    /** Lists every rule file of a source, in a stable order; problems found on the way go to {@code problems}. */
    public List<SourceFile> scan(Source source, List<IngestProblem> problems) {
        return source.isEmbedded() ? scanEmbedded(source, problems) : scanDirectory(source, problems);
    }

    private List<SourceFile> scanEmbedded(Source source, List<IngestProblem> problems) {
        List<SourceFile> files = new ArrayList<>();
        try {
            List<Resource> resources = new ArrayList<>();
            // Sources are scanned on pool threads whose context class loader is the system one; inside the packaged
            // jar only the application's own class loader sees BOOT-INF/classes.
            var resolver = new PathMatchingResourcePatternResolver(SourceScanner.class.getClassLoader());
            for (String extension : RuleFileNames.extensions()) {
                resources.addAll(List.of(resolver.getResources("classpath*:content/rules/**/*" + extension)));
            }
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                String path = url.substring(url.lastIndexOf("content/rules/") + "content/".length());
                files.add(new SourceFile(source, path, resource.contentLength(), () -> {
                    try (InputStream in = resource.getInputStream()) {
                        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxFileBytes() + 1));
                    }
                }));
            }
        } catch (IOException e) {
            problems.add(IngestProblem.error(source.name(), "content/rules", "cannot list the embedded content: " + e.getMessage()));
        }
        files.sort(java.util.Comparator.comparing(SourceFile::path));
        return files;
    }

    private List<SourceFile> scanDirectory(Source source, List<IngestProblem> problems) {
        Path root = source.root();
        List<SourceFile> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(IngestProblem.error(source.name(), root.toString(), "source directory does not exist or is not a directory"));
            return files;
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            problems.add(IngestProblem.error(source.name(), root.toString(), "cannot resolve source directory: " + e.getMessage()));
            return files;
        }
        Set<Path> seenDirectories = new HashSet<>();
        try {
            Files.walkFileTree(root, Set.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                            // .git, .github and the like hold repository plumbing, never rules.
                            if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            Path real = dir.toRealPath();
                            if (!real.startsWith(realRoot)) {
                                problems.add(IngestProblem.skipped(source.name(), relative(root, dir),
                                        "symbolic link points outside the source directory; not followed"));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return seenDirectories.add(real) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                            if (!RuleFileNames.isRuleFile(name)) {
                                return FileVisitResult.CONTINUE;
                            }
                            String path = relative(root, file);
                            if (!attrs.isRegularFile()) {
                                problems.add(IngestProblem.skipped(source.name(), path, "not a regular file"));
                            } else if (Files.isSymbolicLink(file) && !file.toRealPath().startsWith(realRoot)) {
                                // Only a link needs resolving: its directory's real path was checked on the way in,
                                // and resolving all 8,000 files of four corpora was a third of the scan.
                                problems.add(IngestProblem.skipped(source.name(), path,
                                        "symbolic link points outside the source directory; not followed"));
                            } else {
                                files.add(new SourceFile(source, path, attrs.size(), () -> readBounded(file)));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            String path = relative(root, file);
                            if (e instanceof java.nio.file.FileSystemLoopException) {
                                problems.add(IngestProblem.skipped(source.name(), path, "symbolic link loop; not followed"));
                            } else {
                                problems.add(IngestProblem.error(source.name(), path,
                                        "cannot read: " + e.getClass().getSimpleName() + " " + e.getMessage()));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(IngestProblem.error(source.name(), root.toString(), "cannot scan: " + e.getMessage()));
        }
        files.sort(java.util.Comparator.comparing(SourceFile::path));
        return files;
    }

    private byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxFileBytes() + 1));
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
