package io.rulescope.dialect.spl;

import java.util.List;

import io.rulescope.dialect.RuleDocument;
import io.rulescope.query.QueryTooLargeException;

/** What ingest reads from an SPL search for the rule header; a search too large to analyse is noted, not fatal. */
final class SplFacts {

    private SplFacts() {
    }

    static List<String> groupBy(String search, RuleDocument ctx) {
        if (search == null) {
            return List.of();
        }
        try {
            return Pipeline.parse(search).groupBy();
        } catch (QueryTooLargeException e) {
            ctx.warn(e.getMessage());
            return List.of();
        }
    }
}
