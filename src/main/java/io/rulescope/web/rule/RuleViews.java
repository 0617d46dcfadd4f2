package io.rulescope.web.rule;

import java.util.List;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.CacheKind;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestReport;
import io.rulescope.convert.SigmaConverter;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;
import io.rulescope.indicator.Counterparts;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Permalinks;
import io.rulescope.rule.Rule;
import io.rulescope.web.CacheProperties;

/** Builds the page and API views of rules; the one place that decides each rule's permalink. */
@Component
public class RuleViews {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RuleViews.class);
    static final int SIMILAR_SHOWN = 5;
    /** Counterparts a rule page lists per other platform: enough to answer "do we already cover this?". */
    static final int ELSEWHERE_PER_PLATFORM = 5;

    private final AttackCatalog attack;
    private final CatalogHolder catalogs;
    /** Builds a catalog's views in the background, below request threads' priority; stopped with the context. */
    private final org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor warmer =
            new org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor();

    /** Views kept per catalog ({@code rulescope.cache.rule-views}); the first use starts building every rule's. */
    private final CacheKind<String, RuleView> views;
    private final int maxViews;

    RuleViews(AttackCatalog attack, CatalogHolder catalogs, CacheProperties caches) {
        this.attack = attack;
        this.catalogs = catalogs;
        this.maxViews = caches.ruleViews();
        this.views = CacheKind.made("rule views", catalog -> {
            Cache<String, RuleView> made = Caffeine.newBuilder().maximumSize(maxViews).build();
            warmer.execute(() -> buildAll(catalog));
            return made;
        });
        warmer.setCorePoolSize(1);
        warmer.setMaxPoolSize(1);
        warmer.setThreadNamePrefix("rule-views-");
        warmer.setThreadPriority(Thread.MIN_PRIORITY);
        warmer.setDaemon(true);
        warmer.initialize();
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        warmer.shutdown();
    }

    /** {@code /rules/{id}} while the id is the rule's alone; {@code /rules/{id}/{uid}} among rules sharing it. */
    public String permalink(Rule rule, int sharingId) {
        return sharingId > 1 ? Permalinks.of(rule.getRuleId(), rule.getUid()) : Permalinks.of(rule.getRuleId());
    }

    /**
     * The rule's view in this catalog, built once per catalog: rules only change when a new catalog is published. The
     * first view asked of a catalog also starts building every other rule's, in the background, so a rule page is a
     * lookup plus rendering (similar rules and the anatomy were a fifth of a page's cost, JFR).
     */
    public RuleView view(Catalog catalog, Rule rule, int sharingId) {
        return views(catalog).get(rule.getUid() + "/" + sharingId, k -> build(catalog, rule, sharingId));
    }

    private Cache<String, RuleView> views(Catalog catalog) {
        return catalog.cache(views);
    }

    /** Views of every rule (up to the cache's size), while the catalog's caches are still the current ones. */
    private void buildAll(Catalog catalog) {
        long started = System.nanoTime();
        int built = 0;
        for (Rule rule : catalog.rules().all()) {
            if (!catalogs.peek().stillServes(catalog)) {
                return;
            }
            if (built >= maxViews) {
                break;
            }
            view(catalog, rule, catalog.rules().withId(rule.getRuleId()).size());
            built++;
        }
        log.info("Built the views of {} rules of catalog {} in {} ms", built, catalog.generation(), (System.nanoTime() - started) / 1_000_000);
    }

    private RuleView build(Catalog catalog, Rule rule, int sharingId) {
        IndicatorIndex indicators = catalog.indicators();
        return new RuleView(rule, permalink(rule, sharingId), sourceLabel(catalog, rule.getSourceName()),
                attack.coverage(rule.getTechniqueIds(), rule.getTacticHints()), references(rule), sharingId, indicators.anatomy(rule),
                indicators.fieldNames(groupBy(rule, indicators.analysisOf(rule))), similar(catalog, rule), elsewhere(catalog, rule));
    }

    /**
     * The view of an older version of a rule (not cached: it is not the catalog's rule), with its own analysis and
     * the corpus counts of the current catalog.
     */
    public RuleView viewOfVersion(Catalog catalog, Rule rule, QueryAnalysis analysis, String permalink) {
        IndicatorIndex indicators = catalog.indicators();
        return new RuleView(rule, permalink, sourceLabel(catalog, rule.getSourceName()),
                attack.coverage(rule.getTechniqueIds(), rule.getTacticHints()), references(rule), 1, indicators.anatomy(rule, analysis),
                indicators.fieldNames(groupBy(rule, analysis)), List.of(), List.of());
    }

    /**
     * What results are grouped by: as the file declares it (ESCU, Sigma correlations, Elastic thresholds), or else as
     * the query's analysis found it (a Kusto summarize, an EQL sequence's by keys, an ES|QL STATS BY).
     */
    static java.util.List<String> groupBy(Rule rule, QueryAnalysis analysis) {
        return !rule.getGroupBy().isEmpty() || analysis == null ? rule.getGroupBy() : analysis.groupBy();
    }

    private static List<RuleView.Reference> references(Rule rule) {
        return rule.getReferences().stream().map(r -> new RuleView.Reference(r, isWebLink(r) ? r : null)).toList();
    }

    /** Similar rules on any platform: what the rules detect, not what they exclude or the boilerplate they share. */
    private List<RuleView.SimilarRule> similar(Catalog catalog, Rule rule) {
        List<RuleView.SimilarRule> out = new java.util.ArrayList<>();
        for (Counterparts.Counterpart s : catalog.counterparts().similar(rule.getUid(), SIMILAR_SHOWN)) {
            Rule other = catalog.rules().byUid(s.uid());
            if (other != null) {
                List<String> shared = new java.util.ArrayList<>(s.events());
                shared.addAll(s.terms());
                shared.addAll(s.techniques());
                out.add(new RuleView.SimilarRule(other.getRuleId(), other.getTitle(), other.getPlatform(), other.getPermalink(), shared));
            }
        }
        return out;
    }

    /**
     * A Sigma rule written for the target of that id (Splunk SPL when there is none such); null for the rules of
     * other languages. Made per request, not kept with the view: it is cheap, and a page shows one target.
     */
    public RuleView.Converted conversion(Catalog catalog, Rule rule, String targetId) {
        QueryAnalysis analysis = catalog.indicators().analysisOf(rule);
        if (!"Sigma".equals(rule.getPlatform()) || analysis.stages().isEmpty()) {
            return null;
        }
        Target target = Targets.byId(targetId).orElse(Targets.SPLUNK);
        return new RuleView.Converted(target, SigmaConverter.convert(analysis, io.rulescope.convert.LogSource.of(rule), target));
    }

    /** "The same detection elsewhere": each other platform's best counterparts. */
    private List<RuleView.Elsewhere> elsewhere(Catalog catalog, Rule rule) {
        List<RuleView.Elsewhere> out = new java.util.ArrayList<>();
        catalog.counterparts().of(rule.getUid(), ELSEWHERE_PER_PLATFORM).forEach((platform, counterparts) -> {
            List<RuleView.Counterpart> rules = new java.util.ArrayList<>();
            for (Counterparts.Counterpart c : counterparts) {
                Rule other = catalog.rules().byUid(c.uid());
                if (other != null) {
                    rules.add(new RuleView.Counterpart(other.getRuleId(), other.getTitle(), other.getPlatform(), other.getPermalink(),
                            c.reason(), Math.round(c.score() * 10) / 10.0));
                }
            }
            out.add(new RuleView.Elsewhere(platform, List.copyOf(rules)));
        });
        return out;
    }

    public String sourceLabel(Catalog catalog, String sourceName) {
        for (IngestReport.SourceSummary s : catalog.report().sources()) {
            if (s.name().equals(sourceName)) {
                return s.label();
            }
        }
        return sourceName;
    }

    static boolean isWebLink(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return (t.startsWith("https://") || t.startsWith("http://")) && t.chars().noneMatch(Character::isWhitespace);
    }
}
