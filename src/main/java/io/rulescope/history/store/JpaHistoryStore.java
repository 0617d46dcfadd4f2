package io.rulescope.history.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.rulescope.history.HistoryCursor;
import io.rulescope.history.HistoryIncrement;
import io.rulescope.history.HistoryStore;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionStamp;

/** Rule versions in the database (H2 in a file under the data folder): relational, durable and read page by page. */
@Component
@Transactional(readOnly = true)
class JpaHistoryStore implements HistoryStore {

    /** Persisted entities are flushed and let go in groups, so a whole history never sits in the persistence context. */
    private static final int FLUSH_EVERY = 500;

    private final StoredVersionRepository versions;
    private final StoredCommitRepository commits;
    private final StoredSourceRepository sources;

    @PersistenceContext
    private EntityManager entities;

    JpaHistoryStore(StoredVersionRepository versions, StoredCommitRepository commits, StoredSourceRepository sources) {
        this.versions = versions;
        this.commits = commits;
        this.sources = sources;
    }

    @Override
    public Optional<HistoryCursor> cursor(String source, String key) {
        return sources.findById(source).filter(s -> s.buildKey().equals(key))
                .map(s -> HistoryJson.inflated(s.cursorState(), HistoryCursor.class));
    }

    @Override
    @Transactional
    public void save(String key, HistoryIncrement increment) {
        HistoryCursor cursor = increment.cursor();
        String source = cursor.source();
        if (increment.fromScratch()) {
            versions.deleteBySource(source);
            commits.deleteBySource(source);
        }
        Map<String, StoredCommit> made = new HashMap<>();
        int pending = 0;
        for (NumberedVersion numbered : increment.versions()) {
            RuleVersion v = numbered.version();
            StoredCommit commit = made.get(v.commit());
            if (commit == null) {
                commit = new StoredCommit(source, v.commit(), v.date(), v.author(), v.message());
                entities.persist(commit);
                made.put(v.commit(), commit);
            }
            entities.persist(new StoredVersion(source, numbered, commit));
            if (++pending % FLUSH_EVERY == 0) {
                entities.flush();
                entities.clear();
                made.replaceAll((sha, c) -> entities.getReference(StoredCommit.class, idOf(c)));
            }
        }
        StoredSource row = sources.findById(source).orElseGet(() -> new StoredSource(source));
        row.update(key, cursor.head(), cursor.commits(), cursor.firstCommit(), HistoryJson.deflated(cursor));
        sources.save(row);
    }

    private Object idOf(StoredCommit commit) {
        return entities.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(commit);
    }

    @Override
    public List<RuleVersion> versions(String source, String ruleId) {
        return versions.newestFirst(source, ruleId).stream().map(StoredVersion::toVersion).toList();
    }

    @Override
    public Page<RuleVersion> versions(String source, String ruleId, Pageable page) {
        return versions.newestFirst(source, ruleId, page).map(StoredVersion::toVersion);
    }

    @Override
    public Optional<NumberedVersion> version(String source, String ruleId, String commitPrefix) {
        String like = commitPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return versions.madeBy(source, ruleId, like, PageRequest.of(0, 1)).stream().findFirst().map(StoredVersion::toNumbered);
    }

    @Override
    public Optional<RuleVersion> version(String source, String ruleId, int ordinal) {
        return versions.numbered(source, ruleId, ordinal).stream().findFirst().map(StoredVersion::toVersion);
    }

    @Override
    public List<VersionStamp> stampsSince(Instant from) {
        return versions.stampsSince(from);
    }

    @Override
    public List<NumberedVersion> versionsSince(String source, Collection<String> ruleIds, Instant from) {
        if (ruleIds.isEmpty()) {
            return List.of();
        }
        return versions.since(source, ruleIds, from).stream().map(StoredVersion::toNumbered).toList();
    }

    @Override
    public List<NumberedVersion> newestAndAdditions(String source) {
        return versions.newestAndKind(source, RuleVersion.Kind.ADDED).stream().map(StoredVersion::toNumbered).toList();
    }
}
