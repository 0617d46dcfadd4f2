package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.rulescope.catalog.Catalog;
import io.rulescope.convert.Conversion;
import io.rulescope.convert.LogSource;
import io.rulescope.convert.Pipeline;
import io.rulescope.convert.Pipelines;
import io.rulescope.convert.SigmaConverter;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;
import io.rulescope.dialect.elastic.ElasticAnalyzer;
import io.rulescope.dialect.elastic.ElasticLanguage;
import io.rulescope.dialect.kql.KqlAnalyzer;
import io.rulescope.dialect.spl.MacroExpander;
import io.rulescope.dialect.spl.SplAnalyzer;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.Indicator;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

/**
 * Every Sigma rule of the shared corpus converted to each target, and each converted query read back by
 * Rulescope's own analyser for its language: it must yield the indicators of the Sigma rule it came from. Prints,
 * per target, how many rules convert, the agreement of the round trip and the time per rule.
 */
@EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = SharedData.MISSING)
class SigmaConversionCorpusTest {

    @Test
    void everySigmaRuleConvertsAndReadsBackAsTheSameIndicators() {
        Catalog catalog = SharedCatalogs.sigma();
        FieldTaxonomy taxonomy = IndicatorAnalysis.shippedTaxonomy();
        SplAnalyzer spl = new SplAnalyzer(MacroExpander.NONE, taxonomy);
        KqlAnalyzer kql = new KqlAnalyzer(taxonomy);
        ElasticAnalyzer elastic = new ElasticAnalyzer(taxonomy);
        // Each language's own analyser; a bare KQL where-expression is read as the where stage of a query over a table.
        Map<String, Function<String, QueryAnalysis>> readers = Map.of("spl", spl::analyze,
                "kql", q -> kql.analyze(q.contains("\n| where ") ? q : "Events\n| where " + q),
                "lucene", q -> elastic.analyze(ElasticLanguage.LUCENE, q),
                "eql", q -> elastic.analyze(ElasticLanguage.EQL, q),
                "esql", q -> elastic.analyze(ElasticLanguage.ESQL, q));
        List<String> summary = new ArrayList<>();
        for (Target target : Targets.all()) {
            int rules = 0;
            int complete = 0;
            int agreeing = 0;
            long nanos = 0;
            Map<String, Integer> reasons = new TreeMap<>();
            List<String> disagreements = new ArrayList<>();
            for (Rule rule : catalog.rules().all()) {
                QueryAnalysis analysis = catalog.indicators().analysisOf(rule);
                if (analysis.stages().isEmpty()) {
                    continue; // correlations and rules without a detection
                }
                rules++;
                LogSource logSource = LogSource.of(rule);
                long started = System.nanoTime();
                Conversion conversion = SigmaConverter.convert(analysis, logSource, target);
                nanos += System.nanoTime() - started;
                if (!conversion.isComplete()) {
                    conversion.unsupported().forEach(u -> reasons.merge(u.replaceAll("\\(.*?\\)", "(...)").replaceAll("field \\S+", "field X")
                            .replaceAll("log source .*", "log source ..."), 1, Integer::sum));
                    continue;
                }
                complete++;
                Pipeline.Applied pipeline = target.pipelineFor(logSource);
                Set<String> expected = keys(mapped(analysis.indicators(), pipeline, taxonomy), true);
                if (target.language().equals("kql")) {
                    expected = expected.stream().flatMap(SigmaConversionCorpusTest::kustoPieces).collect(Collectors.toSet());
                }
                Set<String> added = pipeline.conditions().keySet().stream().map(f -> taxonomy.canonical(f).toLowerCase(java.util.Locale.ROOT) + " ")
                        .collect(Collectors.toSet());
                // Elastic's one-character wildcard is Sigma's ?, which the Sigma side's key widens to *.
                boolean elasticGlob = List.of("lucene", "eql", "esql").contains(target.language());
                Set<String> read = keys(readers.get(target.language()).apply(conversion.queries().get(0)).indicators(), false).stream()
                        .map(k -> elasticGlob ? widened(unanchored(k)) : k)
                        .filter(k -> added.stream().noneMatch(k::startsWith)).collect(Collectors.toSet());
                if (expected.equals(read)) {
                    agreeing++;
                } else if (disagreements.size() < 8) {
                    Set<String> missing = new java.util.TreeSet<>(expected);
                    missing.removeAll(read);
                    Set<String> extra = new java.util.TreeSet<>(read);
                    extra.removeAll(expected);
                    disagreements.add(rule.getTitle() + ": missing " + first(missing) + ", extra " + first(extra));
                }
            }
            String line = String.format("Sigma to %s: %d rules, %d convert completely (%.1f%%); round trip through its language's analyser agrees on"
                    + " %d of them (%.1f%%); %.3f ms per rule", target.id(), rules, complete, 100.0 * complete / rules, agreeing,
                    100.0 * agreeing / complete, nanos / 1e6 / rules);
            System.out.println(line);
            summary.add(line);
            reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(6)
                    .forEach(e -> System.out.println("  unsupported " + e.getValue() + "x: " + e.getKey()));
            disagreements.forEach(d -> System.out.println("  round trip differs: " + d));
            if (target.pipelineId() == null || !Pipelines.get(target.pipelineId()).strict()) {
                assertThat(100.0 * complete / rules).as(target.id() + " converts").isGreaterThan(80.0);
            }
            assertThat(100.0 * agreeing / complete).as(target.id() + " round trip").isGreaterThanOrEqualTo(95.0);
        }
        System.out.println(String.join("\n", summary));
    }

    private static String first(Set<String> keys) {
        return keys.size() <= 4 ? keys.toString() : keys.stream().limit(4).toList() + " and " + (keys.size() - 4) + " more";
    }

    /** Each Sigma indicator as the pipeline writes it: its field renamed and its value's beginning rewritten. */
    private static List<Indicator> mapped(List<Indicator> indicators, Pipeline.Applied pipeline, FieldTaxonomy taxonomy) {
        if (pipeline.pipeline() == null) {
            return indicators;
        }
        return indicators.stream().map(i -> {
            String field = i.field() == null ? null : pipeline.rename(i.field());
            String value = i.kind().isTextMatch() && i.field() != null ? pipeline.value(i.field(), i.value()) : i.value();
            // A data model's field is read back as its name within the dataset (Processes.process as process).
            String dataset = pipeline.source().dataModel() == null ? null : pipeline.source().dataModel().substring(pipeline.source().dataModel().indexOf('.') + 1) + ".";
            String name = field != null && dataset != null && field.startsWith(dataset) ? field.substring(dataset.length()) : field;
            return field == null ? i : new Indicator(field, i.dataModel(), taxonomy.canonical(name), i.kind(), value, i.polarity(), i.modifiers(),
                    i.caseSensitive(), i.stage(), i.viaMacro());
        }).toList();
    }

    /**
     * An indicator as both sides can name it: canonical field, the values it matches as one glob (a Sigma
     * {@code contains} and an SPL {@code "*x*"} are one; Sigma's {@code ?} is SPL's {@code *}), polarity. A field that
     * must not be empty, excluded, is a field that must exist.
     */
    private static Set<String> keys(List<Indicator> indicators, boolean sigma) {
        return indicators.stream().flatMap(i -> sigma ? transformed(i).stream() : java.util.stream.Stream.of(i)).map(i -> key(i, sigma))
                .collect(Collectors.toSet());
    }

    /** A Sigma indicator as its value-transforming modifiers make it: {@code windash} gives each dash its five forms. */
    private static List<Indicator> transformed(Indicator i) {
        List<String> transforms = i.modifiers().stream().filter(io.rulescope.query.ValueTransforms.NAMES::contains).toList();
        if (transforms.isEmpty() || i.value() == null) {
            return List.of(i);
        }
        return io.rulescope.query.ValueTransforms.apply(i.value(), transforms).stream().map(v -> new Indicator(i.field(), i.dataModel(),
                i.canonicalField(), i.kind(), v.text(), i.polarity(), List.of(), i.caseSensitive(), i.stage(), i.viaMacro())).toList();
    }

    private static String key(Indicator i, boolean sigma) {
        String field = i.canonicalField().toLowerCase(java.util.Locale.ROOT);
        if (i.kind() == io.rulescope.query.Kind.NULL || i.kind() == io.rulescope.query.Kind.EXISTS) {
            boolean exists = (i.kind() == io.rulescope.query.Kind.EXISTS) == (i.polarity() == io.rulescope.query.Polarity.MATCH);
            return field + " " + (exists ? "exists" : "null");
        }
        if (!i.kind().isTextMatch() || i.value() == null) {
            return i.key();
        }
        String value = sigma ? sigmaGlob(i.value()) : i.value();
        String glob = switch (i.kind()) {
            case CONTAINS -> "*" + value + "*";
            case STARTSWITH -> value + "*";
            case ENDSWITH -> "*" + value;
            default -> value;
        };
        return field + " " + glob.toLowerCase(java.util.Locale.ROOT).replaceAll("\\*+", "*") + " " + i.polarity().label();
    }

    /**
     * A glob as the Kusto backend writes it: a wildcard inside a value splits it into the pieces around it
     * ({@code a*b} as {@code startswith "a"} and {@code endswith "b"}), as pySigma's does.
     */
    private static java.util.stream.Stream<String> kustoPieces(String key) {
        int first = key.indexOf(' ');
        int last = key.lastIndexOf(' ');
        if (first < 0 || first == last) {
            return java.util.stream.Stream.of(key);
        }
        String field = key.substring(0, first);
        String glob = key.substring(first + 1, last);
        String polarity = key.substring(last + 1);
        String inner = glob.substring(glob.startsWith("*") ? 1 : 0, Math.max(glob.startsWith("*") ? 1 : 0, glob.length() - (glob.endsWith("*") ? 1 : 0)));
        if (!inner.contains("*") || !(polarity.equals("match") || polarity.equals("exclude"))) {
            return java.util.stream.Stream.of(key);
        }
        String[] pieces = inner.split("\\*+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i].isEmpty()) {
                continue;
            }
            boolean open = i > 0 || glob.startsWith("*");
            boolean openEnd = i < pieces.length - 1 || glob.endsWith("*");
            out.add(field + " " + (open ? "*" : "") + pieces[i] + (openEnd ? "*" : "") + " " + polarity);
        }
        return out.stream();
    }

    /**
     * A regular expression read back from Elastic without the {@code .*} the writer puts around it (Elastic's regexes
     * match the whole value, Sigma's anywhere); the key's glob widening above turns them into {@code .*}.
     */
    private static String unanchored(String key) {
        String[] parts = key.split("\u0000", -1);
        if (parts.length != 4 || !parts[1].equals("re")) {
            return key;
        }
        String value = parts[2].startsWith(".*") ? parts[2].substring(2) : parts[2];
        value = value.endsWith(".*") ? value.substring(0, value.length() - 2) : value;
        return String.join("\u0000", parts[0], parts[1], value, parts[3]);
    }

    /** An Elastic glob's one-character wildcard as the Sigma side's key writes it; a regular expression as it is. */
    private static String widened(String key) {
        return key.contains("\u0000re\u0000") ? key : key.replace('?', '*').replaceAll("\\*+", "*");
    }

    /** A Sigma pattern's text: escapes undone, a wildcard {@code ?} as {@code *}. */
    private static String sigmaGlob(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                out.append(pattern.charAt(++i));
            } else {
                out.append(c == '?' ? '*' : c);
            }
        }
        return out.toString();
    }
}
