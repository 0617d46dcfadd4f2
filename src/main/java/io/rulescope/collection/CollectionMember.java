package io.rulescope.collection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One rule in a collection, pinned at the version the team added or last reviewed: the commit where the source has a
 * history, and always the content hash, whose text is kept ({@link PinnedText}) so the member outlives the rule.
 */
@Entity
@Table(name = "collection_member")
public class CollectionMember {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "collection_member")
    @SequenceGenerator(name = "collection_member", sequenceName = "collection_member_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "collection_id", nullable = false)
    private RuleCollection collection;

    @Column(nullable = false)
    private String source;

    @Column(name = "rule_id", nullable = false)
    private String ruleId;

    /** The title when last pinned, shown once the rule has left the catalog. */
    @Column(nullable = false)
    private String title;

    @Column(name = "pinned_hash", nullable = false)
    private String pinnedHash;

    @Column(name = "pinned_path", nullable = false)
    private String pinnedPath;

    @Column(name = "pinned_commit")
    private String pinnedCommit;

    @Column(name = "pinned_commit_at")
    private Instant pinnedCommitAt;

    @Column(name = "pinned_at", nullable = false)
    private Instant pinnedAt;

    @Column(name = "pinned_by", nullable = false)
    private String pinnedBy;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "added_by", nullable = false)
    private String addedBy;

    protected CollectionMember() {
    }

    public CollectionMember(RuleCollection collection, String source, String ruleId, Pin pin) {
        this.collection = collection;
        this.source = source;
        this.ruleId = ruleId;
        this.addedAt = pin.at();
        this.addedBy = pin.by();
        pin(pin);
    }

    /** Who pinned which version, when. */
    public record Pin(String title, String hash, String path, String commit, Instant commitAt, String by, Instant at) {
    }

    public void pin(Pin pin) {
        this.title = pin.title();
        this.pinnedHash = pin.hash();
        this.pinnedPath = pin.path();
        this.pinnedCommit = pin.commit();
        this.pinnedCommitAt = pin.commitAt();
        this.pinnedBy = pin.by();
        this.pinnedAt = pin.at();
    }

    public Pin pin() {
        return new Pin(title, pinnedHash, pinnedPath, pinnedCommit, pinnedCommitAt, pinnedBy, pinnedAt);
    }

    public Long getId() { return id; }
    public RuleCollection getCollection() { return collection; }
    public String getSource() { return source; }
    public String getRuleId() { return ruleId; }
    public String getTitle() { return title; }
    public String getPinnedHash() { return pinnedHash; }
    public String getPinnedPath() { return pinnedPath; }
    public String getPinnedCommit() { return pinnedCommit; }
    public Instant getPinnedCommitAt() { return pinnedCommitAt; }
    public Instant getPinnedAt() { return pinnedAt; }
    public String getPinnedBy() { return pinnedBy; }
    public Instant getAddedAt() { return addedAt; }
    public String getAddedBy() { return addedBy; }
}
