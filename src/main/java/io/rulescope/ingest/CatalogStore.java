package io.rulescope.ingest;

import java.util.List;

import io.rulescope.rule.Rule;

/** Where ingest writes the catalog it has read: the database in the application, a list in tests. */
@FunctionalInterface
public interface CatalogStore {

    /** Replaces every stored rule with these, all or nothing. */
    void replaceAll(List<Rule> rules);
}
