package io.rulescope.ingest;

import java.util.List;

import io.rulescope.rule.Rule;

/** Where ingest writes the catalog it has read: the database in the application, a list in tests. */
@FunctionalInterface
public interface CatalogStore {

    /** Replaces every stored rule with these, all or nothing. */
    void replaceAll(List<Rule> rules);

    /**
     * Brings the stored rules from the previous catalog to {@code all}: the rules of {@code removed} uids go and
     * {@code changed} ones are written again, all or nothing. A store may simply replace everything.
     */
    default void update(List<Rule> all, java.util.Collection<String> removed, java.util.Collection<Rule> changed) {
        replaceAll(all);
    }
}
