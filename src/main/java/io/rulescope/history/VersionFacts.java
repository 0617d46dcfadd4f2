package io.rulescope.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.rulescope.query.Indicator;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

/** What one version of a rule says, reduced to what history compares: the change between two is their difference. */
public record VersionFacts(String title, String status, String severity, int descriptionHash, int queryHash, String path,
        List<String> tactics, List<String> techniques, List<RuleVersion.IndicatorRef> indicators) {

    /** What a rule says, given its analysis. */
    public static VersionFacts of(Rule rule, QueryAnalysis analysis) {
        List<RuleVersion.IndicatorRef> indicators = new ArrayList<>();
        Set<RuleVersion.IndicatorRef> seen = new HashSet<>();
        for (Indicator i : analysis.indicators()) {
            RuleVersion.IndicatorRef ref = new RuleVersion.IndicatorRef(
                    (i.dataModel() == null ? "" : i.dataModel() + ".") + i.field(), i.kind().label(), i.value(), i.polarity().label());
            if (seen.add(ref)) {
                indicators.add(ref);
            }
        }
        // A Sigma rule's query is its whole file; what it detects is its detection block.
        Object logic = rule.getDetection() != null ? rule.getDetection() : rule.getQuery();
        return new VersionFacts(rule.getTitle(), rule.getStatus(), rule.getSeverity(),
                rule.getDescription() == null ? 0 : rule.getDescription().hashCode(), logic == null ? 0 : logic.hashCode(),
                rule.getSourcePath(), List.copyOf(new TreeSet<>(rule.getTacticHints())), List.copyOf(new TreeSet<>(rule.getTechniqueIds())),
                List.copyOf(indicators));
    }

    /** The changes from {@code before} (null for a rule's first version, where everything is added) to this. */
    public RuleVersion.Changes since(VersionFacts before) {
        if (before == null) {
            return new RuleVersion.Changes(List.copyOf(new LinkedHashSet<>(indicators)), List.of(), sorted(techniques), List.of(), List.of());
        }
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(title, before.title)) {
            fields.add("title");
        }
        if (!Objects.equals(status, before.status)) {
            fields.add("status");
        }
        if (!Objects.equals(severity, before.severity)) {
            fields.add("severity");
        }
        if (descriptionHash != before.descriptionHash) {
            fields.add("description");
        }
        if (queryHash != before.queryHash) {
            fields.add("query");
        }
        if (!Objects.equals(tactics, before.tactics)) {
            fields.add("tactics");
        }
        if (!Objects.equals(path, before.path)) {
            fields.add("path");
        }
        return new RuleVersion.Changes(minus(indicators, before.indicators), minus(before.indicators, indicators),
                sorted(minus(techniques, before.techniques)), sorted(minus(before.techniques, techniques)), List.copyOf(fields));
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        Set<T> out = new LinkedHashSet<>(a);
        b.forEach(out::remove);
        return List.copyOf(out);
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().toList();
    }
}
