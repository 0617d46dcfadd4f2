package io.rulescope.history.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A commit of a source's repository that changed at least one rule; its rules' versions point at it. */
@Entity
@Table(name = "history_commit")
class StoredCommit {

    /** Messages longer than this are cut: a rule's history shows the subject and the first paragraphs. */
    static final int MAX_MESSAGE = 16_000;
    /**
     * Names, titles and paths longer than their columns (a hostile file's) are cut rather than failing the history of
     * the whole source; no page looks up an id that long.
     */
    static final int MAX_TEXT = 3_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "history_commit")
    @SequenceGenerator(name = "history_commit", sequenceName = "history_commit_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private String source;

    @Column(nullable = false)
    private String sha;

    @Column(name = "committed_at", nullable = false)
    private Instant committedAt;

    private String author;

    @Column(nullable = false)
    private String message;

    protected StoredCommit() {
    }

    StoredCommit(String source, String sha, Instant committedAt, String author, String message) {
        this.source = source;
        this.sha = sha;
        this.committedAt = committedAt;
        this.author = cut(author, MAX_TEXT);
        this.message = cut(message, MAX_MESSAGE);
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }

    String sha() {
        return sha;
    }

    Instant committedAt() {
        return committedAt;
    }

    String author() {
        return author;
    }

    String message() {
        return message;
    }
}
