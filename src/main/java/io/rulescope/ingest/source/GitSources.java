package io.rulescope.ingest.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each git source's clone in the data folder current: cloned once, fetched on every ingest after that, and
 * checked out at the configured branch, tag or commit (the remote's default branch when none is named). Everything
 * runs through JGit, so the machine needs no git binary.
 */
public final class GitSources {

    private static final Logger log = LoggerFactory.getLogger(GitSources.class);
    private static final int TIMEOUT_SECONDS = 120;
    /** Beside the clone: the remote it was cloned from, so a changed URL means a fresh clone, not a wrong fetch. */
    private static final String REMOTE_MARKER = ".rulescope-remote";

    private final GitCredentials credentials;

    public GitSources(GitCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * What a source was read at.
     *
     * @param commit the commit checked out; null when there is no usable clone
     * @param outcome how the last fetch went ({@code cloned}, {@code fetched}, {@code failed: ...})
     * @param usable false when there is nothing to read (the first clone failed)
     */
    public record Synced(String commit, Instant commitDate, Instant fetchedAt, String outcome, boolean usable) {
    }

    /** Clones or fetches the source and checks out its ref; never throws: a failure is in the outcome. */
    public Synced sync(Source source) {
        Path dir = source.root();
        Source.GitRemote remote = source.git();
        Instant now = Instant.now();
        try {
            boolean fresh = !isCloneOf(dir, remote.url());
            if (fresh) {
                cloneInto(dir, source);
            } else {
                fetch(dir, source);
            }
            try (Git git = Git.open(dir.toFile())) {
                ObjectId target = resolve(git, remote.ref());
                // Detach at the commit, then make the index and work tree exactly its tree (a fresh clone has no index).
                git.checkout().setName(target.name()).setForced(true).call();
                git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(target.name()).call();
                RevCommit commit = parse(git.getRepository(), target);
                return new Synced(target.name(), commitDate(commit), now, fresh ? "cloned" : "fetched", true);
            }
        } catch (IOException | GitAPIException | RuntimeException e) {
            String reason = "failed: " + describe(e);
            log.warn("Git source {} ({}): {}", source.name(), remote.displayUrl(), reason);
            Synced local = head(dir);
            return local == null ? new Synced(null, null, now, reason, false)
                    : new Synced(local.commit(), local.commitDate(), now, reason + "; reading the last fetched commit", true);
        }
    }

    /** For a directory inside a git work tree (a plain source that is a checkout): its HEAD commit; null otherwise. */
    public static Synced head(Path dir) {
        if (dir == null) {
            return null;
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        try (Repository repository = builder.build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null) {
                return null;
            }
            return new Synced(head.name(), commitDate(parse(repository, head)), null, null, true);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isCloneOf(Path dir, String url) {
        Path marker = dir.resolve(Constants.DOT_GIT).resolve(REMOTE_MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(url);
        } catch (IOException e) {
            return false;
        }
    }

    /** Clones beside the target and renames it into place, so a clone cut short never looks like a usable one. */
    private void cloneInto(Path dir, Source source) throws IOException, GitAPIException {
        Files.createDirectories(dir.getParent());
        Path temp = dir.resolveSibling(dir.getFileName() + ".cloning-" + ProcessHandle.current().pid());
        deleteTree(temp);
        long t = System.nanoTime();
        var clone = Git.cloneRepository().setURI(source.git().url()).setDirectory(temp.toFile()).setCloneAllBranches(true)
                .setTimeout(TIMEOUT_SECONDS);
        try (AutoCloseable ssh = credentials.apply(clone, source.name()); Git git = clone.call()) {
            String branch = git.getRepository().getBranch();
            if (branch != null && !ObjectId.isId(branch)) {
                git.getRepository().getConfig().setString("rulescope", null, "defaultBranch", branch);
                git.getRepository().getConfig().save();
            }
            Files.writeString(temp.resolve(Constants.DOT_GIT).resolve(REMOTE_MARKER), source.git().url(), StandardCharsets.UTF_8);
        } catch (GitAPIException | IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        } catch (Exception e) {
            deleteTree(temp);
            throw new IllegalStateException(e);
        }
        deleteTree(dir);
        Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        log.info("Cloned git source {} ({}) in {} ms", source.name(), source.git().displayUrl(), (System.nanoTime() - t) / 1_000_000);
    }

    private void fetch(Path dir, Source source) throws IOException, GitAPIException {
        try (Git git = Git.open(dir.toFile())) {
            FetchCommand fetch = git.fetch().setRemote(Constants.DEFAULT_REMOTE_NAME)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*")).setTagOpt(TagOpt.FETCH_TAGS)
                    .setRemoveDeletedRefs(true).setTimeout(TIMEOUT_SECONDS);
            try (AutoCloseable ssh = credentials.apply(fetch, source.name())) {
                fetch.call();
                rememberDefaultBranch(git, source);
            } catch (GitAPIException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The remote's HEAD may have moved to another branch since the clone; follow it as a fresh clone would. */
    private void rememberDefaultBranch(Git git, Source source) throws GitAPIException {
        if (source.git().ref() != null) {
            return;
        }
        var lsRemote = git.lsRemote().setRemote(Constants.DEFAULT_REMOTE_NAME).setTimeout(TIMEOUT_SECONDS);
        try (AutoCloseable ssh = credentials.apply(lsRemote, source.name())) {
            Map<String, Ref> refs = lsRemote.callAsMap();
            Ref head = refs.get(Constants.HEAD);
            if (head != null && head.isSymbolic()) {
                String branch = Repository.shortenRefName(head.getTarget().getName());
                git.getRepository().getConfig().setString("rulescope", null, "defaultBranch", branch);
                git.getRepository().getConfig().save();
            }
        } catch (GitAPIException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The commit to check out: a branch, then a tag, then a commit id; with no ref, the remote's default branch. */
    private static ObjectId resolve(Git git, String ref) throws IOException {
        Repository repository = git.getRepository();
        String wanted = ref;
        if (wanted == null) {
            wanted = repository.getConfig().getString("rulescope", null, "defaultBranch");
            if (wanted == null) {
                throw new IllegalStateException("the remote names no default branch; give one as URL#branch");
            }
        }
        for (String candidate : new String[] { "refs/remotes/origin/" + wanted, "refs/tags/" + wanted + "^{commit}", wanted + "^{commit}" }) {
            try {
                ObjectId id = repository.resolve(candidate);
                if (id != null) {
                    return id;
                }
            } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
                // try the next reading of the ref
            }
        }
        throw new IllegalStateException("the remote has no branch, tag or commit '" + wanted + "'");
    }

    private static RevCommit parse(Repository repository, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        }
    }

    private static Instant commitDate(RevCommit commit) {
        return commit.getCommitterIdent().getWhenAsInstant();
    }

    /** The kind of failure and its message, without anything that could carry a credential (URLs are stripped). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@", "$1");
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
