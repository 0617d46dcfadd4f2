package io.rulescope.search;

import java.util.Locale;

/** The facets of a result list; each narrows the query with its filter name when clicked. */
public enum Facet {
    PLATFORM("platform"), SOURCE("source"), TACTIC("tactic"), TECHNIQUE("technique"), SEVERITY("severity"),
    STATUS("status"), DATASOURCE("datasource"),
    /** Technique ids with their parents added, for matrix counts; not shown as a facet. */
    TECHNIQUE_ROLLUP("technique", false);

    private final String filter;
    private final boolean visible;

    Facet(String filter) {
        this(filter, true);
    }

    Facet(String filter, boolean visible) {
        this.filter = filter;
        this.visible = visible;
    }

    public boolean visible() {
        return visible;
    }

    /** The filter name in the query language ({@code platform:Sigma}). */
    public String filter() {
        return filter;
    }

    public String docValuesField() {
        return IndexField.FACET_PREFIX + name().toLowerCase(Locale.ROOT);
    }
}
