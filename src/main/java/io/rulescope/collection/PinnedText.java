package io.rulescope.collection;


import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.rulescope.rule.Sha256;

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
        return Sha256.hex(text);
    }

    public String getHash() { return hash; }
    public String getText() { return text; }
}
