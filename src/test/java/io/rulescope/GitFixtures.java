package io.rulescope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Repositories and rule files made in tests with JGit: no git binary and no network. */
public final class GitFixtures {

    private GitFixtures() {
    }

    /** A Sigma rule on process creation testing {@code Image|endswith} against each image. */
    public static String sigmaRule(String id, String title, String status, String technique, String... images) {
        StringBuilder yaml = new StringBuilder("title: " + title + "\nid: " + id + "\nstatus: " + status
                + "\ndescription: Detects " + title + "\ntags:\n  - attack." + technique.toLowerCase()
                + "\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  selection:\n    Image|endswith:\n");
        for (String image : images) {
            yaml.append("      - '").append(image).append("'\n");
        }
        return yaml.append("  condition: selection\nlevel: high\n").toString();
    }

    public static void write(Path repo, String path, String text) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Stages every change in the work tree (additions, edits, deletions) and commits it as {@code who} at a time. */
    public static RevCommit commit(Git git, String message, String who, long epochSeconds) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent ident = new PersonIdent(who, who.toLowerCase() + "@example.org", Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(ident).setCommitter(ident).call();
    }

    /** A copy of the project's own embedded rules ({@code content/rules}) under {@code target}. */
    public static Path copyOfTheEmbeddedRules(Path target) throws IOException {
        Path from = Path.of("content/rules");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
