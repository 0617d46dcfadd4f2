package io.rulescope.web.match;

import io.rulescope.catalog.Catalog;
import io.rulescope.rule.Permalinks;
import io.rulescope.rule.Rule;

/** The permalink a match answer or page gives a rule, which depends on the catalog the request took (shared ids). */
final class MatchViews {

    private MatchViews() {
    }

    static String permalink(Catalog catalog, Rule rule) {
        return catalog.rules().withId(rule.getRuleId()).size() > 1 ? Permalinks.of(rule.getRuleId(), rule.getUid())
                : Permalinks.of(rule.getRuleId());
    }
}
