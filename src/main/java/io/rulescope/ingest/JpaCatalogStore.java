package io.rulescope.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;

import io.rulescope.rule.Rule;

/**
 * Writes the catalog in one transaction through a stateless session: thousands of rules that are written once and
 * never updated need no persistence context, and the inserts go out as JDBC batches. It needs only the entity manager
 * factory, so ingest can write as soon as Hibernate is up rather than when the whole application is.
 */
final class JpaCatalogStore implements CatalogStore {

    private static final int BATCH = 500;

    private final SessionFactory sessions;

    JpaCatalogStore(EntityManagerFactory entityManagerFactory) {
        this.sessions = entityManagerFactory.unwrap(SessionFactory.class);
    }

    @Override
    public void update(List<Rule> all, Collection<String> removed, Collection<Rule> changed) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            session.setJdbcBatchSize(BATCH);
            Transaction transaction = session.beginTransaction();
            try {
                List<String> gone = new ArrayList<>(removed);
                changed.forEach(rule -> gone.add(rule.getUid()));
                for (int from = 0; from < gone.size(); from += BATCH) {
                    session.createMutationQuery("delete from Rule where uid in :uids")
                            .setParameterList("uids", gone.subList(from, Math.min(gone.size(), from + BATCH))).executeUpdate();
                }
                List<Rule> rows = new ArrayList<>(changed);
                rows.forEach(Rule::compactRaw);
                for (int from = 0; from < rows.size(); from += BATCH) {
                    session.insertMultiple(rows.subList(from, Math.min(rows.size(), from + BATCH)));
                }
                transaction.commit();
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
    }

    @Override
    public void replaceAll(List<Rule> rules) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            session.setJdbcBatchSize(BATCH);
            Transaction transaction = session.beginTransaction();
            try {
                session.createMutationQuery("delete from Rule").executeUpdate();
                // A stateless session runs no entity callbacks, so the file text is deflated here before its row goes out.
                rules.forEach(Rule::compactRaw);
                for (int from = 0; from < rules.size(); from += BATCH) {
                    session.insertMultiple(rules.subList(from, Math.min(rules.size(), from + BATCH)));
                }
                transaction.commit();
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
    }
}
