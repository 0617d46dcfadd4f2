package io.rulescope.history.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How far a source's history has been read, and with what: one row per source. */
@Entity
@Table(name = "history_source")
class StoredSource {

    @Id
    private String name;

    /** The build and settings the history was read with; a row with another key is read again from scratch. */
    @Column(name = "build_key", nullable = false)
    private String buildKey;

    @Column(nullable = false)
    private String head;

    @Column(nullable = false)
    private int commits;

    @Column(name = "first_commit")
    private String firstCommit;

    /** The cursor's carry-on state, deflated JSON ({@link HistoryJson}): what the next read of new commits starts from. */
    @Column(name = "cursor_state", nullable = false)
    private byte[] cursorState;

    @Column(name = "read_at", nullable = false)
    private Instant readAt;

    protected StoredSource() {
    }

    StoredSource(String name) {
        this.name = name;
    }

    void update(String buildKey, String head, int commits, String firstCommit, byte[] cursorState) {
        this.buildKey = buildKey;
        this.head = head;
        this.commits = commits;
        this.firstCommit = firstCommit;
        this.cursorState = cursorState;
        this.readAt = Instant.now();
    }

    String name() {
        return name;
    }

    String buildKey() {
        return buildKey;
    }

    byte[] cursorState() {
        return cursorState;
    }
}
