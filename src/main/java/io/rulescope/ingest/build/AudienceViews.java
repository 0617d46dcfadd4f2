package io.rulescope.ingest.build;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Audience;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.match.EventMatcher;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.RuleIndex;

/**
 * Makes the catalog a reader sees when some private sources are hidden from them. Nothing is filtered on the way
 * out: the view is built from the visible rules alone (corpus counts, index, facets, suggestions, ATT&CK shades,
 * matcher, report), so no count or term of a hidden rule exists in it to leak. The analyses are the full catalog's;
 * only counting and indexing run again.
 */
public final class AudienceViews implements Catalog.Narrowing {

    private final RuleIndex indexer;
    private final IndicatorAnalysis analysis;
    private final AttackCatalog attack;

    public AudienceViews(RuleIndex indexer, IndicatorAnalysis analysis, AttackCatalog attack) {
        this.indexer = indexer;
        this.analysis = analysis;
        this.attack = attack;
    }

    @Override
    public Catalog narrow(Catalog full, Audience audience) {
        List<Rule> rules = full.rules().all().stream().filter(rule -> audience.sees(rule.getSourceName())).toList();
        Map<String, QueryAnalysis> analyses = new HashMap<>();
        for (Rule rule : rules) {
            analyses.put(rule.getUid(), full.indicators().analysisOf(rule));
        }
        IndicatorIndex indicators = analysis.index(analyses);
        Function<Rule, QueryAnalysis> analysisOf = rule -> analyses.getOrDefault(rule.getUid(), QueryAnalysis.EMPTY);
        RuleIndex.Built built = indexer.build(rules, analysisOf, analysis::telemetry);
        CompletableFuture<EventMatcher> matcher = CompletableFuture.supplyAsync(
                () -> EventMatcher.build(rules, indicators::analysisOf, indicators.taxonomy()));
        return Catalog.view(full, audience, RuleSet.of(rules), indicators, indexer.open(built), CatalogSummaries.of(rules, attack),
                full.report().visibleTo(audience, rules), matcher);
    }
}
