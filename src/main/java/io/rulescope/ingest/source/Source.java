package io.rulescope.ingest.source;

import java.nio.file.Path;

/**
 * A place rules come from: a directory on disk, a git repository cloned into the data folder, or the embedded content
 * when {@code root} is null.
 *
 * @param name short name used in URLs and filters ({@code sigma}, {@code security_content})
 * @param root the directory read: the configured one, or the git clone's work tree
 * @param webHome URL prefix of the source's files on the web, or null when unknown
 * @param label how pages name the source ({@code github.com/splunk/security_content})
 * @param git for a git source, its remote and ref; null otherwise
 * @param restricted a private source ({@code ;private} after its entry): only readers granted it see its rules
 */
public record Source(String name, Path root, String webHome, String label, GitRemote git, boolean restricted) {

    public static final String EMBEDDED = "rulescope";

    public Source(String name, Path root, String webHome, String label) {
        this(name, root, webHome, label, null, false);
    }

    public Source(String name, Path root, String webHome, String label, GitRemote git) {
        this(name, root, webHome, label, git, false);
    }

    /** This source, private. */
    public Source restrictedToGranted() {
        return new Source(name, root, webHome, label, git, true);
    }

    public boolean isEmbedded() {
        return root == null;
    }

    public boolean isGit() {
        return git != null;
    }

    public String urlOf(String relativePath) {
        return webHome == null ? null : webHome + relativePath;
    }

    /**
     * A git remote as configured: {@code url} as written (it may hold credentials, so it is never shown), and the
     * branch, tag or commit to read ({@code ref}, null for the remote's default branch).
     */
    public record GitRemote(String url, String ref) {

        /** The URL without any user name or password, for pages, logs and reports. */
        public String displayUrl() {
            return GitUrls.withoutCredentials(url);
        }

        @Override
        public String toString() {
            return displayUrl() + (ref == null ? "" : "#" + ref);
        }
    }
}
