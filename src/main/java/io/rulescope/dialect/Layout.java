package io.rulescope.dialect;

import io.rulescope.rule.RuleFormat;

/** What one document of a rule file is to the dialect that recognised it, judged from its keys alone. */
public sealed interface Layout {

    /** A rule in one of the dialect's formats. */
    record RuleLayout(RuleFormat format) implements Layout {
    }

    /**
     * The shared part of a collection: its keys apply to each document after it in the same file (Sigma's
     * {@code action: global}), merged under them, and the collection's rules are named apart afterwards
     * ({@link Dialect#nameCollectionRules}). {@code markerKey} marks the header and is not merged.
     */
    record CollectionHeader(String markerKey) implements Layout {
    }

    /**
     * A macro other rules' queries call: {@code name} without arity, the parameter names substituted as
     * {@code $arg$}, and the text a call expands to. Ingest records which source defined it.
     */
    record MacroDefinition(String name, java.util.List<String> arguments, String definition) implements Layout {
    }

    /**
     * Supporting data the catalog counts and keeps by name (a data source's source type, a story's description):
     * {@code table} is its kind in the plural, as the ingest page counts it ("stories").
     */
    record NamedText(String table, String name, String text) implements Layout {
    }

    /** Not a rule, on purpose, with the reason the ingest page gives (a stub left where a rule moved away). */
    record Skipped(String reason) implements Layout {
    }
}
