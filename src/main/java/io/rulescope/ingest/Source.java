package io.rulescope.ingest;

import java.nio.file.Path;

/**
 * A place rules come from: a directory on disk, or the embedded content when {@code root} is null.
 *
 * @param name short name used in URLs and filters ({@code sigma}, {@code security_content})
 * @param webHome URL prefix of the source's files on the web, or null when unknown
 * @param label how pages name the source ({@code github.com/splunk/security_content})
 */
public record Source(String name, Path root, String webHome, String label) {

    public static final String EMBEDDED = "rulescope";

    public boolean isEmbedded() {
        return root == null;
    }

    public String urlOf(String relativePath) {
        return webHome == null ? null : webHome + relativePath;
    }
}
