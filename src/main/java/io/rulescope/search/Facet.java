package io.rulescope.search;

import java.util.Locale;

/** The facets of a result list; each narrows the query with its filter name when clicked. */
public enum Facet {
    PLATFORM("platform"), SOURCE("source"), TACTIC("tactic"), TECHNIQUE("technique"), SEVERITY("severity"),
    STATUS("status"), DATASOURCE("datasource");

    private final String filter;

    Facet(String filter) {
        this.filter = filter;
    }

    /** The filter name in the query language ({@code platform:Sigma}). */
    public String filter() {
        return filter;
    }

    public String docValuesField() {
        return IndexField.FACET_PREFIX + name().toLowerCase(Locale.ROOT);
    }
}
