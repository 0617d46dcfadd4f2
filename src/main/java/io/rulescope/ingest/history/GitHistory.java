package io.rulescope.ingest.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import io.rulescope.history.HistoryCursor;
import io.rulescope.history.HistoryIncrement;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionFacts;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.build.IngestPipeline;
import io.rulescope.ingest.read.DocumentFiles;
import io.rulescope.ingest.read.FileResult;
import io.rulescope.ingest.read.RuleDocuments;
import io.rulescope.ingest.read.YamlReader;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.source.RuleFileNames;
import io.rulescope.ingest.source.Source;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

/**
 * Reads the history of a source's rules from its git repository: every commit on the first-parent line up to the
 * commit read, each rule file it added, changed, moved (renames are followed) or deleted, each such file parsed as
 * ingest parses it, and each rule's version compared with the one before. Given the history up to an earlier commit,
 * it reads only the commits since.
 */
public final class GitHistory {

    /** Moves of hundreds of rules at once (SigmaHQ's deprecations) are still paired up by content. */
    private static final int RENAME_LIMIT = 5_000;

    private final IngestProperties properties;
    private final IngestPipeline pipeline;

    GitHistory(IngestProperties properties, IngestPipeline pipeline) {
        this.properties = properties;
        this.pipeline = pipeline;
    }

    /** The repository holding a source's files and where the source sits in it; null when there is none. */
    record Located(Repository repository, String prefix) implements AutoCloseable {

        @Override
        public void close() {
            repository.close();
        }

        /** The source-relative path of a repository path, or null when it lies outside the source. */
        String relative(String repositoryPath) {
            if (prefix.isEmpty()) {
                return repositoryPath;
            }
            return repositoryPath.startsWith(prefix + "/") ? repositoryPath.substring(prefix.length() + 1) : null;
        }
    }

    static Located locate(Source source) {
        if (source.isEmbedded()) {
            return null;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(source.root().toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        try {
            Repository repository = builder.build();
            if (repository.isBare()) {
                repository.close();
                return null;
            }
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            String prefix = workTree.relativize(source.root().toRealPath()).toString().replace('\\', '/');
            return new Located(repository, prefix);
        } catch (IOException e) {
            return null;
        }
    }

    /** One change to one rule file in one commit. */
    private record FileChange(RevCommit commit, DiffEntry.ChangeType type, String oldPath, String newPath, ObjectId blob) {
    }

    /** The rules one file version holds, with what each says. */
    private record Parsed(List<String> ids, Map<String, VersionFacts> facts) {
    }

    /**
     * The versions of {@code source}'s rules up to its HEAD, carrying on from {@code previous} when that stopped at an
     * ancestor; null when the source has no repository. Nothing new since {@code previous} gives no versions.
     *
     * @param analyzer how queries are taken apart (the current catalog's macros)
     */
    HistoryIncrement read(Source source, HistoryCursor previous, IndicatorAnalysis.Analyzer analyzer) throws IOException {
        try (Located located = locate(source)) {
            if (located == null) {
                return null;
            }
            Repository repository = located.repository();
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return null;
            }
            if (previous != null && previous.head().equals(head.name())) {
                return new HistoryIncrement(previous, List.of(), false);
            }
            try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
                HistoryCursor base = previous;
                RevCommit tip = walk.parseCommit(head);
                RevCommit old = base == null ? null : parseOrNull(walk, repository, base.head());
                if (old == null || !walk.isMergedInto(old, tip)) {
                    base = null;
                    old = null;
                }
                walk.reset();
                walk.setFirstParent(true);
                walk.sort(RevSort.TOPO);
                walk.sort(RevSort.REVERSE, true);
                walk.markStart(tip);
                if (old != null) {
                    walk.markUninteresting(old);
                }
                List<RevCommit> commits = new ArrayList<>();
                walk.forEach(commits::add);
                List<FileChange> changes = changes(repository, reader, located, commits);
                Map<String, Parsed> parsed = parse(repository, located, source, changes, analyzer);
                return assemble(source, head.name(), base, commits.size(), changes, parsed);
            }
        }
    }

    /** The commit with this id, or null when the repository no longer has it (a rewritten history). */
    private static RevCommit parseOrNull(RevWalk walk, Repository repository, String id) {
        try {
            ObjectId resolved = repository.resolve(id);
            return resolved == null ? null : walk.parseCommit(resolved);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<FileChange> changes(Repository repository, ObjectReader reader, Located located, List<RevCommit> commits)
            throws IOException {
        TreeFilter ruleFiles = OrTreeFilter.create(RuleFileNames.extensions().stream().map(PathSuffixFilter::create).toArray(TreeFilter[]::new));
        TreeFilter filter = located.prefix().isEmpty() ? ruleFiles : AndTreeFilter.create(PathFilter.create(located.prefix()), ruleFiles);
        List<FileChange> out = new ArrayList<>();
        try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repository);
            diff.setDetectRenames(true);
            diff.getRenameDetector().setRenameLimit(RENAME_LIMIT);
            diff.setPathFilter(filter);
            for (RevCommit commit : commits) {
                AbstractTreeIterator before = commit.getParentCount() == 0 ? new EmptyTreeIterator()
                        : new CanonicalTreeParser(null, reader, commit.getParent(0).getTree());
                if (commit.getParentCount() > 0 && commit.getParent(0).getTree() == null) {
                    try (RevWalk parse = new RevWalk(reader)) {
                        before = new CanonicalTreeParser(null, reader, parse.parseCommit(commit.getParent(0)).getTree());
                    }
                }
                for (DiffEntry entry : diff.scan(before, new CanonicalTreeParser(null, reader, commit.getTree()))) {
                    String oldPath = entry.getChangeType() == DiffEntry.ChangeType.ADD ? null : located.relative(entry.getOldPath());
                    String newPath = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? null : located.relative(entry.getNewPath());
                    out.add(new FileChange(commit, entry.getChangeType(), oldPath, newPath,
                            entry.getChangeType() == DiffEntry.ChangeType.DELETE ? null : entry.getNewId().toObjectId()));
                }
            }
        }
        return out;
    }

    /** Every file version the changes name, parsed and analysed once each, in parallel. */
    private Map<String, Parsed> parse(Repository repository, Located located, Source source, List<FileChange> changes,
            IndicatorAnalysis.Analyzer analyzer) {
        Map<String, FileChange> distinct = new LinkedHashMap<>();
        for (FileChange change : changes) {
            if (change.blob() != null && change.newPath() != null) {
                distinct.putIfAbsent(key(change.blob(), change.newPath()), change);
            }
        }
        YamlReader yaml = new YamlReader(properties.maxFileBytes());
        List<Map.Entry<String, Parsed>> results = pipeline.parallel(new ArrayList<>(distinct.entrySet()), e -> {
            FileChange change = e.getValue();
            try (ObjectReader reader = repository.newObjectReader()) {
                byte[] bytes = reader.open(change.blob(), Constants.OBJ_BLOB).getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8,
                        properties.maxFileBytes() + 1));
                return Map.entry(e.getKey(), parse(source, change.newPath(), bytes, yaml, analyzer));
            } catch (IOException | RuntimeException ex) {
                // A version too large or unreadable says nothing we can compare; it still counts as a change.
                return Map.entry(e.getKey(), new Parsed(List.of(), Map.of()));
            }
        });
        Map<String, Parsed> out = new HashMap<>();
        results.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** One file version read as ingest reads a file: the rules it holds and what each of them says. */
    static Parsed parse(Source source, String path, byte[] bytes, YamlReader yaml, IndicatorAnalysis.Analyzer analyzer) {
        List<Rule> rules = rulesOf(source, path, bytes, yaml);
        List<String> ids = new ArrayList<>();
        Map<String, VersionFacts> facts = new LinkedHashMap<>();
        for (Rule rule : rules) {
            QueryAnalysis analysis;
            try {
                analysis = analyzer.analyze(rule);
            } catch (RuntimeException | StackOverflowError e) {
                analysis = QueryAnalysis.EMPTY;
            }
            ids.add(rule.getRuleId());
            facts.putIfAbsent(rule.getRuleId(), VersionFacts.of(rule, analysis));
        }
        return new Parsed(ids, facts);
    }

    /** The rules of one file version, mapped exactly as ingest maps them. */
    public static List<Rule> rulesOf(Source source, String path, byte[] bytes, YamlReader yaml) {
        SourceFile file = new SourceFile(source, path, bytes.length, () -> bytes);
        return RuleDocuments.map(FileResult.parsed(file, DocumentFiles.parse(path, bytes, yaml))).rules();
    }

    private static String key(ObjectId blob, String path) {
        return blob.name() + "\u0000" + path;
    }

    /** Walks the changes in commit order, turning file changes into rule versions. */
    private static HistoryIncrement assemble(Source source, String head, HistoryCursor base, int commitCount, List<FileChange> changes,
            Map<String, Parsed> parsed) {
        Walk walk = new Walk(base);
        int i = 0;
        while (i < changes.size()) {
            RevCommit commit = changes.get(i).commit();
            int end = i;
            while (end < changes.size() && changes.get(end).commit() == commit) {
                end++;
            }
            walk.applyCommit(changes.subList(i, end), parsed);
            i = end;
        }
        String firstCommit = base != null ? base.firstCommit() : walk.added.isEmpty() ? null : walk.added.get(0).version().commit();
        HistoryCursor cursor = new HistoryCursor(source.name(), head, (base == null ? 0 : base.commits()) + commitCount, firstCommit,
                Map.copyOf(walk.latest), Map.copyOf(walk.rulesAtPath), Map.copyOf(walk.tips));
        return new HistoryIncrement(cursor, List.copyOf(walk.added), base == null);
    }

    /** The state of a walk through commits: where each rule is, what it says and how its history ends so far. */
    private static final class Walk {

        final Map<String, VersionFacts> latest = new HashMap<>();
        final Map<String, List<String>> rulesAtPath = new HashMap<>();
        final Map<String, HistoryCursor.Tip> tips = new HashMap<>();
        /** Ids are not unique across files (forks, a rule and its deprecated copy): a rule is gone only from its last file. */
        final Map<String, Set<String>> pathsById = new HashMap<>();
        final List<NumberedVersion> added = new ArrayList<>();

        Walk(HistoryCursor base) {
            if (base != null) {
                latest.putAll(base.latest());
                rulesAtPath.putAll(base.rulesAtPath());
                tips.putAll(base.tips());
            }
            rulesAtPath.forEach((path, ids) -> ids.forEach(id -> pathsById.computeIfAbsent(id, k -> new HashSet<>()).add(path)));
        }

        /**
         * One commit's file changes: rules in changed or added files get a version where they differ; rules whose file
         * was deleted, or that left a changed file, are removed unless the same commit put them somewhere else.
         */
        void applyCommit(List<FileChange> changes, Map<String, Parsed> parsed) {
            RevCommit commit = changes.get(0).commit();
            Instant date = commit.getCommitterIdent().getWhenAsInstant();
            String author = commit.getAuthorIdent().getName();
            String message = commit.getFullMessage();
            Set<String> present = new HashSet<>();
            Map<String, String> leftFrom = new LinkedHashMap<>();
            for (FileChange change : changes) {
                List<String> before = change.oldPath() == null ? List.of() : rulesAtPath.getOrDefault(change.oldPath(), List.of());
                if (change.oldPath() != null) {
                    rulesAtPath.remove(change.oldPath());
                    before.forEach(id -> pathsById.getOrDefault(id, new HashSet<>()).remove(change.oldPath()));
                }
                if (change.newPath() == null) {
                    before.forEach(id -> leftFrom.putIfAbsent(id, change.oldPath()));
                    continue;
                }
                Parsed now = parsed.getOrDefault(key(change.blob(), change.newPath()), new Parsed(List.of(), Map.of()));
                rulesAtPath.put(change.newPath(), now.ids());
                now.ids().forEach(id -> pathsById.computeIfAbsent(id, k -> new HashSet<>()).add(change.newPath()));
                for (String id : before) {
                    if (!now.facts().containsKey(id)) {
                        leftFrom.putIfAbsent(id, change.oldPath());
                    }
                }
                boolean moved = change.type() == DiffEntry.ChangeType.RENAME && !change.newPath().equals(change.oldPath());
                for (Map.Entry<String, VersionFacts> e : now.facts().entrySet()) {
                    String id = e.getKey();
                    present.add(id);
                    VersionFacts previous = latest.get(id);
                    boolean wasRemoved = previous == null || lastKind(id) == RuleVersion.Kind.REMOVED;
                    RuleVersion.Kind kind = wasRemoved ? RuleVersion.Kind.ADDED
                            : moved || !e.getValue().path().equals(previous.path()) ? RuleVersion.Kind.MOVED : RuleVersion.Kind.MODIFIED;
                    add(id, new RuleVersion(commit.name(), date, author, message, e.getValue().title(), change.newPath(),
                            change.blob().name(), kind, e.getValue().since(wasRemoved ? null : previous)));
                    latest.put(id, e.getValue());
                }
            }
            leftFrom.forEach((id, path) -> {
                boolean stillSomewhere = !pathsById.getOrDefault(id, Set.of()).isEmpty();
                if (!present.contains(id) && !stillSomewhere && latest.containsKey(id) && lastKind(id) != RuleVersion.Kind.REMOVED) {
                    add(id, new RuleVersion(commit.name(), date, author, message, latest.get(id).title(), path, null,
                            RuleVersion.Kind.REMOVED, RuleVersion.Changes.NONE));
                }
            });
        }

        private RuleVersion.Kind lastKind(String id) {
            HistoryCursor.Tip tip = tips.get(id);
            return tip == null ? null : tip.lastKind();
        }

        private void add(String id, RuleVersion version) {
            HistoryCursor.Tip tip = tips.get(id);
            int ordinal = tip == null ? 0 : tip.versions();
            added.add(new NumberedVersion(id, ordinal, version));
            tips.put(id, new HistoryCursor.Tip(ordinal + 1, version.kind()));
        }
    }

    /** The bytes of a file version, by its blob id (for the text of an older version). */
    public static byte[] blob(Source source, String blobId, long maxBytes) {
        try (Located located = locate(source)) {
            if (located == null) {
                return null;
            }
            try (ObjectReader reader = located.repository().newObjectReader()) {
                return reader.open(ObjectId.fromString(blobId), Constants.OBJ_BLOB).getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
