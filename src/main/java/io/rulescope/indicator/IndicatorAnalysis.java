package io.rulescope.indicator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.Macro;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.elastic.Dialect;
import io.rulescope.query.elastic.ElasticAnalyzer;
import io.rulescope.query.kql.KqlAnalyzer;
import io.rulescope.query.sigma.SigmaAnalyzer;
import io.rulescope.query.spl.MacroExpander;
import io.rulescope.query.spl.SplAnalyzer;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Takes rule queries apart (with the sources' macros) and makes the {@link IndicatorIndex} of a catalog. Holds no
 * catalog state itself: each ingest gets its own {@link Analyzer}, so a refresh never changes what the catalog being
 * served was analysed with.
 */
@Component
public class IndicatorAnalysis {

    private final FieldTaxonomy taxonomy;
    private final EventCoverage events;
    private final EventTables tables;

    public IndicatorAnalysis(FieldTaxonomy taxonomy, EventTables tables) {
        this.taxonomy = taxonomy;
        this.events = new EventCoverage(tables);
        this.tables = tables;
    }

    /** The field taxonomy shipped in content/taxonomy (what the application uses; for tools and benchmarks). */
    public static FieldTaxonomy shippedTaxonomy() {
        return AnatomyConfiguration.loadTaxonomy("content/taxonomy/fields.yml");
    }

    /** The event tables shipped in content/events. */
    public static EventTables shippedEventTables() {
        return EventTables.load();
    }

    public FieldTaxonomy taxonomy() {
        return taxonomy;
    }

    /** What a rule reads, in the shared data-source model every platform is searched by. */
    public Telemetry telemetry(Rule rule, QueryAnalysis analysis) {
        return Telemetry.of(rule, events.of(rule, analysis), tables);
    }

    /** An analyser that expands these macro definitions; pure, so ingest may call it from several threads. */
    public Analyzer analyzer(Map<String, Macro> macros) {
        return new Analyzer(new SplAnalyzer(macros.isEmpty() ? MacroExpander.NONE : new MacroExpander(macros), taxonomy));
    }

    /** The corpus counts and lookups over one catalog's analyses, keyed by rule uid. */
    public IndicatorIndex index(Map<String, QueryAnalysis> analysesByUid) {
        return new IndicatorIndex(taxonomy, events, analysesByUid);
    }

    /** Analyses rules with one fixed set of macros. */
    public final class Analyzer {

        private final SplAnalyzer spl;
        private final KqlAnalyzer kql;
        private final ElasticAnalyzer elastic;

        private Analyzer(SplAnalyzer spl) {
            this.spl = spl;
            this.kql = new KqlAnalyzer(taxonomy);
            this.elastic = new ElasticAnalyzer(taxonomy);
        }

        public QueryAnalysis analyze(Rule rule) {
            if (rule.getQuery() == null) {
                return QueryAnalysis.EMPTY;
            }
            if ("spl".equals(rule.getLanguage())) {
                return spl.analyze(rule.getQuery());
            }
            if ("kql".equals(rule.getLanguage())) {
                return kql.analyze(rule.getQuery());
            }
            Dialect dialect = Dialect.of(rule.getLanguage());
            if (dialect != null) {
                return elastic.analyze(dialect, rule.getQuery());
            }
            if (rule.getFormat() == RuleFormat.SIGMA || rule.getFormat() == RuleFormat.SIGMA_FILTER) {
                Map<String, Object> detection = rule.getDetection() != null ? rule.getDetection() : parseYaml(rule.getQuery());
                Map<String, Object> block = new LinkedHashMap<>(detection);
                block.remove("rules");
                return new SigmaAnalyzer(taxonomy).analyze(block);
            }
            return QueryAnalysis.EMPTY;
        }
    }

    /** The detection (or filter) block of a Sigma rule's text, for rules analysed without their ingest-time parse. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(64);
        for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(text)) {
            if (doc instanceof Map<?, ?> m) {
                Object block = m.containsKey("detection") ? m.get("detection") : m.get("filter");
                if (block instanceof Map<?, ?> b) {
                    return (Map<String, Object>) b;
                }
            }
        }
        return Map.of();
    }
}
