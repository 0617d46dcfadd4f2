package io.rulescope.dialect.yaral;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.rulescope.dialect.DocumentSyntaxException;
import io.rulescope.query.Expr;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.QueryTooLargeException;
import io.rulescope.query.StageAnalysis;

/**
 * Takes a YARA-L rule apart. Its events section becomes one stage per event variable, holding that event's tests
 * (placeholder bindings are listed with the stage but filter nothing), then a stage for the statements that relate
 * two events; the match, outcome and condition sections follow as stages of their own. The group-by fields are the
 * fields the match section's placeholders are bound to.
 */
final class YaralAnalyzer {

    private final FieldTaxonomy taxonomy;

    YaralAnalyzer(FieldTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    QueryAnalysis analyze(String ruleText) {
        YaralSections.RuleText rule;
        try {
            List<YaralSections.RuleText> rules = YaralSections.rules(ruleText);
            if (rules.isEmpty()) {
                return notAnalysed("the query holds no rule");
            }
            rule = rules.get(0);
        } catch (DocumentSyntaxException e) {
            return notAnalysed("the rule cannot be read: " + e.getMessage() + " (line " + e.line() + ")");
        }
        YaralSections.Section events = rule.sections().get("events");
        List<YaralEventsParser.Statement> statements;
        try {
            statements = events == null ? List.of() : YaralEventsParser.parse(events.text());
        } catch (QueryTooLargeException e) {
            return notAnalysed(e.getMessage());
        }
        Map<String, List<YaralEventsParser.Statement>> byEvent = new LinkedHashMap<>();
        List<YaralEventsParser.Statement> relating = new ArrayList<>();
        Map<String, String> boundFields = new LinkedHashMap<>();
        for (YaralEventsParser.Statement s : statements) {
            if (s.events().size() == 1) {
                byEvent.computeIfAbsent(s.events().iterator().next(), k -> new ArrayList<>()).add(s);
            } else {
                relating.add(s);
            }
            if (s.binds() && s.boundField() != null) {
                boundFields.putIfAbsent(s.placeholder(), s.boundField());
            }
        }
        List<StageAnalysis> stages = new ArrayList<>();
        IndicatorCollector collector = new IndicatorCollector(taxonomy);
        for (Map.Entry<String, List<YaralEventsParser.Statement>> e : byEvent.entrySet()) {
            List<Expr> filters = e.getValue().stream().filter(s -> !s.binds()).map(YaralEventsParser.Statement::expr).toList();
            Expr expression = filters.isEmpty() ? null : filters.size() == 1 ? filters.get(0) : new Expr.And(filters);
            int n = stages.size() + 1;
            String note = expression == null ? "binds placeholders only; it tests nothing of the event" : null;
            stages.add(StageAnalysis.noting(n, "event $" + e.getKey(), lines(e.getValue()), expression, note, 0, List.of()));
            if (expression != null) {
                collector.collect(n, expression);
            }
        }
        if (!relating.isEmpty()) {
            String joined = relating.stream().flatMap(s -> s.events().stream()).distinct().map(v -> "$" + v)
                    .collect(Collectors.joining(", "));
            stages.add(new StageAnalysis(stages.size() + 1, "join", lines(relating), null, null,
                    joined.isEmpty() ? null : "relates the events " + joined));
        }
        YaralMatch match = YaralMatch.of(section(rule, "match"));
        List<String> groupBy = match.placeholders().stream().map(p -> boundFields.getOrDefault(p, p.substring(1))).toList();
        addSection(stages, rule, "match", match.placeholders().isEmpty() ? null
                : "groups by " + String.join(", ", groupBy) + (match.window() == null ? "" : " over " + match.window()));
        addSection(stages, rule, "outcome", null);
        addSection(stages, rule, "condition", null);
        addSection(stages, rule, "options", null);
        List<String> notes = statements.stream().filter(s -> s.failure() != null)
                .map(s -> "a statement could not be read: " + s.failure()).toList();
        return new QueryAnalysis(stages, collector.indicators(), collector.terms(), groupBy, notes);
    }

    private static String section(YaralSections.RuleText rule, String name) {
        YaralSections.Section s = rule.sections().get(name);
        return s == null ? null : s.text();
    }

    private static void addSection(List<StageAnalysis> stages, YaralSections.RuleText rule, String name, String note) {
        String text = section(rule, name);
        if (text != null && !text.isBlank()) {
            stages.add(new StageAnalysis(stages.size() + 1, name, text.strip().replaceAll("\\n[ \\t]+", "\n"), null, null, note));
        }
    }

    private static String lines(List<YaralEventsParser.Statement> statements) {
        return statements.stream().map(YaralEventsParser.Statement::text).collect(Collectors.joining("\n"));
    }

    private static QueryAnalysis notAnalysed(String why) {
        return new QueryAnalysis(List.of(), List.of(), List.of(), List.of(), List.of(why));
    }
}
