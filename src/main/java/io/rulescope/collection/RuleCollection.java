package io.rulescope.collection;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A named set of rules a team keeps ("Deployed: prod Splunk"); its members pin the versions the team reviewed. */
@Entity
@Table(name = "rule_collection")
public class RuleCollection {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_collection")
    @SequenceGenerator(name = "rule_collection", sequenceName = "rule_collection_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "name_key", nullable = false)
    private String nameKey;

    @Column(nullable = false)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    /** Two editors changing one collection at once: the second is told, instead of silently undoing the first. */
    @Version
    private long version;

    protected RuleCollection() {
    }

    public RuleCollection(String name, String description, String createdBy, Instant createdAt) {
        rename(name, description);
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.changedAt = createdAt;
    }

    /** Records a change to its members: the version moves, so answers cached for the old membership are not reused. */
    public void changed(Instant at) {
        this.changedAt = at;
    }

    public static String keyOf(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    public void rename(String name, String description) {
        this.name = name.strip();
        this.nameKey = keyOf(name);
        this.description = description == null ? "" : description.strip();
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public Instant getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
    public Instant getChangedAt() { return changedAt; }
    public long getVersion() { return version; }
}
