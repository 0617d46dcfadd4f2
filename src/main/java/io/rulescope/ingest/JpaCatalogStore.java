package io.rulescope.ingest;

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
    public void replaceAll(List<Rule> rules) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            session.setJdbcBatchSize(BATCH);
            Transaction transaction = session.beginTransaction();
            try {
                session.createMutationQuery("delete from Rule").executeUpdate();
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
