package io.rulescope.collection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The file text of a pinned version, stored once per content hash. */
@Entity
@Table(name = "pinned_text")
public class PinnedText {

    @Id
    private String hash;

    @Column(nullable = false)
    private String text;

    protected PinnedText() {
    }

    public PinnedText(String text) {
        this.text = text;
        this.hash = hashOf(text);
    }

    /** A version's identity where there is no commit: SHA-256 of the file text, hex. */
    public static String hashOf(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public String getHash() { return hash; }
    public String getText() { return text; }
}
