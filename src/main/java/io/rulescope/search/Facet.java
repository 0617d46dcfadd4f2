package io.rulescope.search;

import java.util.Locale;

/** The facets of a result list; each narrows the query with its filter name when clicked. */
public enum Facet {
    PLATFORM("platform"), SOURCE("source"), TACTIC("tactic"), TECHNIQUE("technique"), SEVERITY("severity"),
    STATUS("status"), DATASOURCE("datasource"),
    /** Canonical events ("Process creation"), the same name on every platform. */
    EVENT("event"),
    LOGSOURCE("logsource"),
    /** The concrete events behind them ({@code Sysmon 1}, {@code Elastic (ECS) event.category:process}), for coverage. */
    LOGGED_EVENT("event", false),
    /** Technique ids with their parents added, for matrix counts; not shown as a facet. */
    TECHNIQUE_ROLLUP("technique", false),
    /** Tactic short names, for the matrix's column totals (rules per tactic, with or without a technique). */
    TACTIC_ROLLUP("tactic", false),
    /**
     * {@code tactic|technique} where the rule, not ATT&CK, places a technique: under a tactic the loaded ATT&CK lacks,
     * or a technique it does not know. The matrix shows these cells apart.
     */
    PLACEMENT("technique", false);

    public static final String PLACEMENT_SEPARATOR = io.rulescope.attack.AttackMatrix.Counts.SEPARATOR;

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
