package io.rulescope.web.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestReport;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.indicator.RuleAnatomy;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Permalinks;
import io.rulescope.rule.Rule;

/** Builds the page and API views of rules; the one place that decides each rule's permalink. */
@Component
public class RuleViews {

    /**
     * Views kept per catalog: every rule of the shared corpus (5,752) four times over. The shared corpus's views take
     * 37 MB of heap (about 6.5 KB each without the highlighted source) and build in 1.6 s in the background, so this
     * bounds them to about 160 MB for corpora many times that size.
     */
    static final int MAX_VIEWS = 25_000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RuleViews.class);

    private final AttackCatalog attack;
    private final CatalogHolder catalogs;
    private final java.util.concurrent.Executor warmer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-views");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    RuleViews(AttackCatalog attack, CatalogHolder catalogs) {
        this.attack = attack;
        this.catalogs = catalogs;
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
        return catalog.cache("rule views", () -> {
            Cache<String, RuleView> views = Caffeine.newBuilder().maximumSize(MAX_VIEWS).build();
            warmer.execute(() -> buildAll(catalog));
            return views;
        });
    }

    /** Views of every rule (up to the cache's size), while the catalog is still the current one. */
    private void buildAll(Catalog catalog) {
        long started = System.nanoTime();
        int built = 0;
        for (Rule rule : catalog.rules().all()) {
            if (catalogs.peek() != catalog || built >= MAX_VIEWS) {
                return;
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
                indicators.fieldNames(groupBy(rule, indicators.analysisOf(rule))), similar(catalog, rule));
    }

    /**
     * The view of an older version of a rule (not cached: it is not the catalog's rule), with its own analysis and
     * the corpus counts of the current catalog.
     */
    public RuleView viewOfVersion(Catalog catalog, Rule rule, QueryAnalysis analysis, String permalink) {
        IndicatorIndex indicators = catalog.indicators();
        return new RuleView(rule, permalink, sourceLabel(catalog, rule.getSourceName()),
                attack.coverage(rule.getTechniqueIds(), rule.getTacticHints()), references(rule), 1, indicators.anatomy(rule, analysis),
                indicators.fieldNames(groupBy(rule, analysis)), List.of());
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

    private List<RuleView.SimilarRule> similar(Catalog catalog, Rule rule) {
        List<RuleView.SimilarRule> out = new java.util.ArrayList<>();
        for (IndicatorIndex.Similar s : catalog.indicators().similar(rule, 5)) {
            Rule other = catalog.rules().byUid(s.uid());
            if (other != null) {
                out.add(new RuleView.SimilarRule(other.getRuleId(), other.getTitle(), other.getPlatform(), other.getPermalink(), s.sharedIndicators()));
            }
        }
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

    /** The JSON form; field names are an API contract (later versions add stages, indicators, ...). */
    public Map<String, Object> json(RuleView view) {
        Rule r = view.rule();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.getRuleId());
        json.put("title", r.getTitle());
        json.put("platform", r.getPlatform());
        json.put("language", r.getLanguage());
        json.put("format", r.getFormat().name());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", r.getSourceName());
        source.put("path", r.getSourcePath());
        source.put("url", r.getSourceUrl());
        json.put("source", source);
        json.put("status", r.getStatus());
        json.put("severity", r.getSeverity());
        json.put("author", r.getAuthor());
        json.put("type", r.getRuleType());
        json.put("schedule", r.getSchedule());
        json.put("date", r.getCreated());
        json.put("modified", r.getModified());
        json.put("description", r.getDescription());
        json.put("references", r.getReferences());
        json.put("attack", view.coverage().stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tactic", row.tactic() == null ? null : row.tactic().name());
            m.put("tacticId", row.tactic() == null ? null : row.tactic().id());
            m.put("techniques", row.techniques().stream().map(t -> {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("id", t.id());
                tm.put("name", t.name());
                tm.put("status", t.status().name().toLowerCase(Locale.ROOT));
                return tm;
            }).toList());
            return m;
        }).toList());
        json.put("groupBy", view.groupBy().stream().map(IndicatorIndex.FieldName::written).toList());
        json.put("groupByCanonical", view.groupBy().stream().map(f -> f.canonical() == null ? f.written() : f.canonical()).toList());
        RuleAnatomy anatomy = view.anatomy();
        json.put("stages", anatomy.stages().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", s.n());
            m.put("command", s.command());
            m.put("text", s.text());
            m.put("predicates", s.predicates());
            m.put("expression", s.expression());
            m.put("expansion", s.expansion());
            m.put("note", s.note());
            m.put("depth", s.depth());
            return m;
        }).toList());
        json.put("indicators", anatomy.indicators().stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", g.field());
            m.put("dataModel", g.dataModel());
            m.put("canonicalField", g.canonicalField());
            m.put("kind", g.kind());
            m.put("polarity", g.polarity());
            m.put("modifiers", g.modifiers());
            m.put("values", g.values().stream().map(v -> {
                Map<String, Object> vm = new LinkedHashMap<>();
                vm.put("value", v.value());
                vm.put("corpus", v.corpus());
                return vm;
            }).toList());
            return m;
        }).toList());
        json.put("searchTerms", anatomy.searchTerms().stream()
                .map(t -> Map.of("stage", t.stage(), "term", t.term(), "polarity", t.polarity().label())).toList());
        json.put("eventCoverage", anatomy.eventCoverage().stream()
                .map(e -> Map.of("provider", e.provider(), "event", e.event(), "title", e.title() == null ? "" : e.title())).toList());
        json.put("analysisNotes", anatomy.notes());
        json.put("similar", view.similar().stream().map(sr -> Map.of("title", sr.title(), "platform", sr.platform(),
                "permalink", sr.permalink(), "shared", sr.shared())).toList());
        json.put("dataSources", r.getDataSources());
        json.put("permalink", view.permalink());
        json.put("raw", r.getRaw());
        return json;
    }
}
