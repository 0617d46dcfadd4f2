package io.rulescope.indicator;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.Dialects;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.Macro;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

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
        return new Analyzer(new AnalysisContext(macros, taxonomy));
    }

    /** The corpus counts and lookups over one catalog's analyses, keyed by rule uid. */
    public IndicatorIndex index(Map<String, QueryAnalysis> analysesByUid) {
        return new IndicatorIndex(taxonomy, events, analysesByUid);
    }

    /** Analyses rules with one fixed set of macros, each by the dialect that reads it. */
    public static final class Analyzer {

        private final List<Dialect> dialects = Dialects.all();
        private final List<Dialect.RuleAnalyzer> analyzers;

        private Analyzer(AnalysisContext context) {
            this.analyzers = dialects.stream().map(d -> d.analyzer(context)).toList();
        }

        public QueryAnalysis analyze(Rule rule) {
            if (rule.getQuery() == null) {
                return QueryAnalysis.EMPTY;
            }
            for (int i = 0; i < dialects.size(); i++) {
                if (dialects.get(i).reads(rule)) {
                    return analyzers.get(i).analyze(rule);
                }
            }
            return QueryAnalysis.EMPTY;
        }
    }
}
