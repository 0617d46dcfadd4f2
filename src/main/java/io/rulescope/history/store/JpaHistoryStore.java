package io.rulescope.history.store;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.rulescope.history.HistoryCursor;
import io.rulescope.history.HistoryIncrement;
import io.rulescope.history.HistoryStore;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionStamp;

/** Rule versions in this replica's history database ({@link HistoryDatabase}): relational, durable and read page by page. */
@Component
@Lazy
@Transactional(transactionManager = HistoryDatabase.TRANSACTIONS, readOnly = true)
class JpaHistoryStore implements HistoryStore {

    private static final int BATCH = 500;

    private final StoredVersionRepository versions;
    private final StoredSourceRepository sources;

    private final SessionFactory sessions;

    JpaHistoryStore(StoredVersionRepository versions, StoredSourceRepository sources,
            @Qualifier(HistoryDatabase.ENTITY_MANAGERS) EntityManagerFactory entityManagerFactory) {
        this.versions = versions;
        this.sources = sources;
        this.sessions = entityManagerFactory.unwrap(SessionFactory.class);
    }

    @Override
    public Optional<HistoryCursor> cursor(String source, String key) {
        return sources.findById(source).filter(s -> s.buildKey().equals(key))
                .map(s -> HistoryJson.inflated(s.cursorState(), HistoryCursor.class));
    }

    /**
     * One statement batch per few hundred rows through a stateless session: a history's versions are written once and
     * never changed, so they need no persistence context to track them.
     */
    @Override
    @Transactional(transactionManager = HistoryDatabase.TRANSACTIONS, propagation = Propagation.NOT_SUPPORTED)
    public void save(String key, HistoryIncrement increment) {
        HistoryCursor cursor = increment.cursor();
        String source = cursor.source();
        try (StatelessSession session = sessions.openStatelessSession()) {
            session.setJdbcBatchSize(BATCH);
            Transaction transaction = session.beginTransaction();
            try {
                if (increment.fromScratch()) {
                    session.createMutationQuery("delete from StoredVersion where source = :source").setParameter("source", source)
                            .executeUpdate();
                    session.createMutationQuery("delete from StoredCommit where source = :source").setParameter("source", source)
                            .executeUpdate();
                }
                Map<String, StoredCommit> commits = new LinkedHashMap<>();
                for (NumberedVersion numbered : increment.versions()) {
                    RuleVersion v = numbered.version();
                    commits.computeIfAbsent(v.commit(), sha -> new StoredCommit(source, sha, v.date(), v.author(), v.message()));
                }
                session.insertMultiple(List.copyOf(commits.values()));
                session.insertMultiple(increment.versions().stream()
                        .map(numbered -> new StoredVersion(source, numbered, commits.get(numbered.version().commit()))).toList());
                StoredSource row = session.get(StoredSource.class, source);
                boolean known = row != null;
                row = known ? row : new StoredSource(source);
                row.update(key, cursor.head(), cursor.commits(), cursor.firstCommit(), HistoryJson.deflated(cursor));
                if (known) {
                    session.update(row);
                } else {
                    session.insert(row);
                }
                transaction.commit();
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
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
