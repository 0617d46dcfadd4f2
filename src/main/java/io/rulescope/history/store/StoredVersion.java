package io.rulescope.history.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleVersion;

/** One version of one rule: which commit made it, where the rule was then, and what it changed. */
@Entity
@Table(name = "rule_version")
class StoredVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_version")
    @SequenceGenerator(name = "rule_version", sequenceName = "rule_version_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private String source;

    @Column(name = "rule_id", nullable = false)
    private String ruleId;

    /** 0 for the rule's first version. */
    @Column(nullable = false)
    private int ordinal;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "commit_id", nullable = false)
    private StoredCommit commit;

    private String title;

    @Column(nullable = false)
    private String path;

    /** The file's git object at this version; null for a removal. */
    private String blob;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RuleVersion.Kind kind;

    @Convert(converter = ChangesColumn.class)
    @Column(nullable = false)
    private RuleVersion.Changes changes;

    protected StoredVersion() {
    }

    StoredVersion(String source, NumberedVersion numbered, StoredCommit commit) {
        RuleVersion v = numbered.version();
        this.source = source;
        this.ruleId = StoredCommit.cut(numbered.ruleId(), StoredCommit.MAX_TEXT);
        this.ordinal = numbered.ordinal();
        this.commit = commit;
        this.title = StoredCommit.cut(v.title(), StoredCommit.MAX_TEXT);
        this.path = StoredCommit.cut(v.path(), StoredCommit.MAX_TEXT);
        this.blob = v.blob();
        this.kind = v.kind();
        this.changes = v.changes();
    }

    /** Reads the commit: only within a transaction, or where the query fetched it. */
    RuleVersion toVersion() {
        return new RuleVersion(commit.sha(), commit.committedAt(), commit.author(), commit.message(), title, path, blob, kind, changes);
    }

    NumberedVersion toNumbered() {
        return new NumberedVersion(ruleId, ordinal, toVersion());
    }
}
