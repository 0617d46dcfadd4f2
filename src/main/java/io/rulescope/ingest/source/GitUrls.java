package io.rulescope.ingest.source;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises git remotes in the source list and takes credentials out of URLs before they are shown anywhere. */
public final class GitUrls {

    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");
    private static final Pattern GITHUB = Pattern.compile("^(?:https?://|ssh://git@|git@)github\\.com[/:]([\\w.-]+)/([\\w.-]+?)(?:\\.git)?/?$");

    private GitUrls() {
    }

    /** {@code https://}, {@code http://}, {@code ssh://}, {@code git@} and {@code file://} name git remotes. */
    static boolean isGitUrl(String location) {
        String l = location.strip().toLowerCase(Locale.ROOT);
        return l.startsWith("https://") || l.startsWith("http://") || l.startsWith("ssh://") || l.startsWith("git@")
                || l.startsWith("file://");
    }

    /** {@code https://user:token@host/x} as {@code https://host/x}; scp-like {@code git@host:x} stays (no secret in it). */
    static String withoutCredentials(String url) {
        return USER_INFO.matcher(url.strip()).replaceFirst("$1");
    }

    /** The URL prefix of files on GitHub for a github.com remote at {@code ref}, or null for other hosts. */
    static String githubHome(String url, String ref) {
        var m = GITHUB.matcher(withoutCredentials(url));
        if (!m.matches()) {
            return null;
        }
        return "https://github.com/" + m.group(1) + "/" + m.group(2) + "/blob/" + (ref == null ? "HEAD" : ref) + "/";
    }

    /** The last path segment without {@code .git}: a default source name. */
    static String repositoryName(String url) {
        String u = withoutCredentials(url).replaceAll("[/]+$", "");
        String last = u.substring(Math.max(u.lastIndexOf('/'), u.lastIndexOf(':')) + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }
}
