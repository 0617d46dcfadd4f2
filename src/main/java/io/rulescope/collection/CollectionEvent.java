package io.rulescope.collection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One line of a collection's change log: who did what, when. Written with every change, never edited. */
@Entity
@Table(name = "collection_event")
public class CollectionEvent {

    public static final int MAX_SUMMARY = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "collection_event")
    @SequenceGenerator(name = "collection_event", sequenceName = "collection_event_seq", allocationSize = 50)
    private Long id;

    @Column(name = "collection_id", nullable = false)
    private Long collectionId;

    @Column(nullable = false)
    private String actor;

    @Column(name = "happened_at", nullable = false)
    private Instant happenedAt;

    @Column(nullable = false)
    private String summary;

    /** The source of the rules the event names; null where it names none. */
    @Column
    private String source;

    protected CollectionEvent() {
    }

    public CollectionEvent(Long collectionId, String actor, Instant happenedAt, String summary) {
        this(collectionId, actor, happenedAt, summary, null);
    }

    public CollectionEvent(Long collectionId, String actor, Instant happenedAt, String summary, String source) {
        this.source = source;
        this.collectionId = collectionId;
        this.actor = actor;
        this.happenedAt = happenedAt;
        this.summary = summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY - 1) + "…" : summary;
    }

    public Long getCollectionId() { return collectionId; }
    public String getActor() { return actor; }
    public Instant getHappenedAt() { return happenedAt; }
    public String getSummary() { return summary; }
    public String getSource() { return source; }
}
