package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.rulescope.SharedCatalogs;
import io.rulescope.catalog.Catalog;
import io.rulescope.convert.Conversion;
import io.rulescope.convert.LogSource;
import io.rulescope.convert.Pipeline;
import io.rulescope.convert.SigmaConverter;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;
import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialects;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

/**
 * The round trip through the matcher: each SigmaHQ regression event, written as the target's data would hold it
 * (its fields renamed by the target's pipeline, the channel where the pipeline selects by one), must fire the query
 * its Sigma rule converts to, compiled as a rule of the target's language, wherever the Sigma rule fires on it.
 * Prints the agreement per target.
 */
@EnabledIf(value = "io.rulescope.match.SigmaRegressionTest#eventsPresent", disabledReason = "../shared/events/sigma-regression or the Sigma corpus is absent")
class ConvertedRegressionTest {

    static Catalog catalog;
    static EventReader reader;
    static FieldTaxonomy taxonomy;

    @BeforeAll
    static void load() {
        catalog = SharedCatalogs.escuAndSigma();
        reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        taxonomy = IndicatorAnalysis.shippedTaxonomy();
    }

    /** One regression event on which its Sigma rule fires. */
    record Firing(Rule rule, LoggedEvent event) {
    }

    @Test
    void theConvertedQueriesFireOnTheRegressionEventsTheirSigmaRulesFireOn() throws IOException {
        List<Firing> firings = new ArrayList<>();
        for (SigmaRegressionTest.Case c : SigmaRegressionTest.cases()) {
            for (LoggedEvent event : reader.readAll(Files.readString(c.json()))) {
                catalog.matcher().match(event, Duration.ofSeconds(10)).fires().stream().map(MatchResult.Fired::rule)
                        .filter(r -> c.ruleIds().contains(r.getRuleId())).findFirst().ifPresent(r -> firings.add(new Firing(r, event)));
            }
        }
        List<String> summary = new ArrayList<>();
        for (Target target : Targets.all()) {
            Map<String, Rule> converted = new LinkedHashMap<>();
            Map<Rule, QueryAnalysis> analyses = new HashMap<>();
            int unconvertible = 0;
            for (Firing f : firings) {
                if (converted.containsKey(f.rule().getUid())) {
                    continue;
                }
                Conversion c = SigmaConverter.convert(catalog.indicators().analysisOf(f.rule()), LogSource.of(f.rule()), target);
                if (!c.isComplete()) {
                    unconvertible++;
                    converted.put(f.rule().getUid(), null);
                    continue;
                }
                Rule rule = asRule(f.rule(), target, c.queries().get(0));
                analyses.put(rule, Dialects.of(rule).orElseThrow().analyzer(new AnalysisContext(Map.of(), taxonomy)).analyze(rule));
                converted.put(f.rule().getUid(), rule);
            }
            EventMatcher matcher = EventMatcher.build(converted.values().stream().filter(java.util.Objects::nonNull).toList(), analyses::get, taxonomy);
            int events = 0;
            int fire = 0;
            List<String> misses = new ArrayList<>();
            for (Firing f : firings) {
                Rule rule = converted.get(f.rule().getUid());
                if (rule == null) {
                    continue;
                }
                events++;
                LoggedEvent mapped = mapped(f.event(), target.pipelineFor(LogSource.of(f.rule())), LogSource.of(f.rule()));
                if (matcher.fires(mapped).contains(rule)) {
                    fire++;
                } else if (misses.size() < 6) {
                    RuleTrace trace = matcher.trace(rule, mapped);
                    misses.add(f.rule().getTitle() + ": " + rule.getQuery().replace('\n', ' ') + " -- " + (trace.notEvaluated() != null
                            ? "not evaluated: " + trace.notEvaluated() : trace.misfit() != null ? "log source: " + trace.misfit()
                            : "failed: " + trace.rows().stream().filter(r -> r.kind().equals("predicate") && !r.result()).map(RuleTrace.Row::label)
                                    .limit(4).toList()));
                }
            }
            String line = String.format("Sigma regression events through the matcher, %s: %d events fire their Sigma rule and convert; the"
                    + " converted query fires on %d (%.1f%%); %d rules do not convert", target.id(), events, fire, 100.0 * fire / events,
                    unconvertible);
            System.out.println(line);
            misses.forEach(m -> System.out.println("  miss: " + m));
            summary.add(line);
            assertThat(100.0 * fire / events).as(target.id()).isGreaterThanOrEqualTo(95.0);
        }
        System.out.println(String.join("\n", summary));
    }

    /** The converted query as a rule of its language, which its dialect reads and the matcher compiles. */
    private static Rule asRule(Rule sigma, Target target, String query) {
        String format = switch (target.language()) {
            case "spl" -> "ESCU_2026";
            case "kql" -> "SENTINEL";
            default -> "ELASTIC";
        };
        Rule rule = new Rule(target.id() + "-" + sigma.getUid(), target.id() + "-" + sigma.getRuleId(), true, sigma.getTitle(),
                Dialects.format(format).orElseThrow());
        rule.setLanguage(target.language());
        // A Kusto where-expression alone is read as the where stage of a query over a table.
        rule.setQuery(target.language().equals("kql") && !query.contains("\n| where ") ? "Events\n| where " + query : query);
        return rule;
    }

    /**
     * The event as the target's data holds it: each field renamed as the pipeline renames the rule's, the channel
     * where the pipeline selects the log source by one (Splunk's {@code source}, ECS's {@code winlog.channel}), and
     * a process creation in Azure Monitor's SecurityEvent as the Security event it is there (4688).
     */
    private static LoggedEvent mapped(LoggedEvent event, Pipeline.Applied pipeline, LogSource logSource) {
        if (pipeline.pipeline() == null) {
            return event;
        }
        List<LoggedEvent.Field> fields = new ArrayList<>();
        String channel = null;
        // A data model's fields reach a search as the dataset's own (Processes.process_path is process_path there).
        String dataset = pipeline.source().dataModel() == null ? null
                : pipeline.source().dataModel().substring(pipeline.source().dataModel().indexOf('.') + 1) + ".";
        for (LoggedEvent.Field field : event.fields()) {
            String renamed = pipeline.rename(field.name());
            if (renamed != null && dataset != null && renamed.startsWith(dataset)) {
                renamed = renamed.substring(dataset.length());
            }
            fields.add(new LoggedEvent.Field(renamed == null ? field.name() : renamed, pipeline.value(field.name(), field.value())));
            if (field.name().equals("Channel")) {
                channel = field.value();
            }
        }
        for (Map.Entry<String, String> condition : pipeline.conditions().entrySet()) {
            String value = condition.getKey().equals("source") && channel != null ? "WinEventLog:" + channel
                    : condition.getKey().equals("winlog.channel") && channel != null ? channel : condition.getValue();
            fields.removeIf(f -> f.name().equals(condition.getKey()));
            fields.add(new LoggedEvent.Field(condition.getKey(), value));
        }
        return new LoggedEvent(event.shape(), fields, event.source(), event.notes());
    }
}
