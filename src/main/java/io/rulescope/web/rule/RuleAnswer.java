package io.rulescope.web.rule;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.indicator.RuleAnatomy;
import io.rulescope.rule.Rule;

/**
 * {@code /api/rules/{id}}: a rule and its anatomy as tools read them, serialised by Spring's JSON mapper. The names
 * are an API contract; new members may be added, none renamed.
 */
public record RuleAnswer(String id, String title, String platform, String language, String format, Source source, String status,
        String severity, String author, String type, String schedule, LocalDate date, LocalDate modified, String description,
        List<String> references, List<Coverage> attack, List<String> groupBy, List<String> groupByCanonical,
        List<RuleAnatomy.StageView> stages, List<Indicators> indicators, List<SearchTerm> searchTerms, List<Event> eventCoverage,
        List<String> behaviours, List<String> analysisNotes, List<Similar> similar, List<Elsewhere> elsewhere, List<String> dataSources,
        String permalink, String raw) {

    public record Source(String name, String path, String url) {
    }

    public record Coverage(String tactic, String tacticId, List<Technique> techniques) {
    }

    /** @param status {@code active}, {@code deprecated}, {@code revoked} or {@code unknown} (not in the loaded ATT&CK) */
    public record Technique(String id, String name, String status) {
    }

    /** @param values each value with how many other rules in the catalog have the same indicator */
    public record Indicators(String field, String dataModel, String canonicalField, String kind, String polarity,
            List<String> modifiers, List<Value> values) {
    }

    public record Value(String value, int corpus) {
    }

    public record SearchTerm(int stage, String term, String polarity) {
    }

    /** @param behaviours the canonical events it stands for ("Process creation") */
    public record Event(String provider, String event, String title, List<String> behaviours) {
    }

    /** "The same detection elsewhere": one other platform's rules that detect what this rule detects, best first. */
    public record Elsewhere(String platform, List<Counterpart> rules) {
    }

    public record Counterpart(String id, String title, String platform, String permalink, String reason, double score) {
    }

    public record Similar(String title, String platform, String permalink, List<String> shared) {
    }

    static RuleAnswer of(RuleView view) {
        Rule r = view.rule();
        RuleAnatomy anatomy = view.anatomy();
        return new RuleAnswer(r.getRuleId(), r.getTitle(), r.getPlatform(), r.getLanguage(), r.getFormat().name(),
                new Source(r.getSourceName(), r.getSourcePath(), r.getSourceUrl()), r.getStatus(), r.getSeverity(), r.getAuthor(),
                r.getRuleType(), r.getSchedule(), r.getCreated(), r.getModified(), r.getDescription(), r.getReferences(),
                view.coverage().stream().map(row -> new Coverage(row.tactic() == null ? null : row.tactic().name(),
                        row.tactic() == null ? null : row.tactic().id(), row.techniques().stream()
                                .map(t -> new Technique(t.id(), t.name(), t.status().name().toLowerCase(Locale.ROOT))).toList())).toList(),
                view.groupBy().stream().map(IndicatorIndex.FieldName::written).toList(),
                view.groupBy().stream().map(f -> f.canonical() == null ? f.written() : f.canonical()).toList(),
                anatomy.stages(),
                anatomy.indicators().stream().map(g -> new Indicators(g.field(), g.dataModel(), g.canonicalField(), g.kind(), g.polarity(),
                        g.modifiers(), g.values().stream().map(v -> new Value(v.value(), v.corpus())).toList())).toList(),
                anatomy.searchTerms().stream().map(t -> new SearchTerm(t.stage(), t.term(), t.polarity().label())).toList(),
                anatomy.eventCoverage().stream().map(e -> new Event(e.provider(), e.event(), e.title() == null ? "" : e.title(),
                        e.behaviours())).toList(),
                anatomy.behaviours(), anatomy.notes(),
                view.similar().stream().map(s -> new Similar(s.title(), s.platform(), s.permalink(), s.shared())).toList(),
                view.elsewhere().stream().map(e -> new Elsewhere(e.platform(), e.rules().stream().map(c -> new Counterpart(c.ruleId(),
                        c.title(), c.platform(), c.permalink(), c.reason(), c.score())).toList())).toList(),
                r.getDataSources(), view.permalink(), r.getRaw());
    }
}
