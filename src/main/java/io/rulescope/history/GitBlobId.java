package io.rulescope.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id git gives a file's content (SHA-1 of {@code "blob <length>\0"} and the bytes): whether a version of the
 * history is exactly the text the catalog serves, without reading the repository.
 */
public final class GitBlobId {

    private GitBlobId() {
    }

    public static String of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-1", e);
        }
    }

    /** Whether the version's file is this text. */
    public static boolean matches(RuleVersion version, String text) {
        return version.blob() != null && text != null && version.blob().equals(of(text));
    }
}
