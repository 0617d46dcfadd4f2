package io.rulescope.web.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.rulescope.indicator.RuleAnatomy;
import io.rulescope.rule.Rule;

/**
 * Two rules side by side: how their facts differ, and which techniques, indicators and events they share or have
 * alone. Indicators compare by folded field, kind, polarity and value, so a Sigma rule and an SPL rule that test
 * {@code Image} and {@code process_path} for the same value count as sharing it.
 */
public record RuleComparison(RuleView left, RuleView right, List<Fact> facts, Split<Technique> techniques,
        List<RelatedTechniques> relatedTechniques, Split<Indicator> indicators, Split<Event> events) {

    /** One row of the facts table; {@code differs} when the two rules say different things. */
    public record Fact(String name, String left, String right) {
        @JsonProperty
        public boolean differs() {
            return !Objects.equals(left, right);
        }
    }

    /** What both have, and what only one has, in the order the rules list them. */
    public record Split<T>(List<T> both, List<T> onlyLeft, List<T> onlyRight) {
        @JsonIgnore
        public boolean isEmpty() {
            return both.isEmpty() && onlyLeft.isEmpty() && onlyRight.isEmpty();
        }
    }

    public record Technique(String id, String name) {
    }

    /**
     * A technique one rule names and a sub-technique of it the other names: both detect it, at different depths
     * ({@code T1003} and {@code T1003.001}), so neither is "only" in one rule.
     */
    public record RelatedTechniques(Technique left, Technique right) {

        /** Which side is the more precise. */
        @JsonProperty
        public String relation() {
            return right.id().startsWith(left.id() + ".") ? "B names a sub-technique of A's" : "A names a sub-technique of B's";
        }
    }

    /** The techniques of two rules: the same in both, related (parent and sub-technique), or in one only. */
    static Map.Entry<Split<Technique>, List<RelatedTechniques>> compareTechniques(List<Technique> left, List<Technique> right) {
        Split<Technique> exact = split(left, right, Technique::id);
        List<RelatedTechniques> related = new ArrayList<>();
        for (Technique l : exact.onlyLeft()) {
            for (Technique r : exact.onlyRight()) {
                if (r.id().startsWith(l.id() + ".") || l.id().startsWith(r.id() + ".")) {
                    related.add(new RelatedTechniques(l, r));
                }
            }
        }
        List<Technique> onlyLeft = exact.onlyLeft().stream().filter(l -> related.stream().noneMatch(p -> p.left() == l)).toList();
        List<Technique> onlyRight = exact.onlyRight().stream().filter(r -> related.stream().noneMatch(p -> p.right() == r)).toList();
        return Map.entry(new Split<>(exact.both(), onlyLeft, onlyRight), List.copyOf(related));
    }

    /** An indicator as compared: the folded field, how it matches, whether it includes or excludes, the value. */
    public record Indicator(String field, String kind, String polarity, String value) {
    }

    public record Event(String provider, String event, String title) {
    }

    public static RuleComparison of(RuleView left, RuleView right) {
        Map.Entry<Split<Technique>, List<RelatedTechniques>> techniques = compareTechniques(techniques(left), techniques(right));
        return new RuleComparison(left, right, facts(left.rule(), right.rule()), techniques.getKey(), techniques.getValue(),
                split(indicators(left), indicators(right), RuleComparison::indicatorKey),
                split(events(left), events(right), e -> e.provider() + "\u0000" + e.event()));
    }

    private static List<Fact> facts(Rule a, Rule b) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Platform", a.getPlatform(), b.getPlatform()));
        facts.add(new Fact("Language", a.getLanguage(), b.getLanguage()));
        facts.add(new Fact("Source", a.getSourceName(), b.getSourceName()));
        facts.add(new Fact("Status", a.getStatusOrUnknown(), b.getStatusOrUnknown()));
        facts.add(new Fact("Severity", a.getSeverity(), b.getSeverity()));
        facts.add(new Fact("Author", a.getAuthor(), b.getAuthor()));
        facts.add(new Fact("Created", text(a.getCreated()), text(b.getCreated())));
        facts.add(new Fact("Modified", text(a.getModified()), text(b.getModified())));
        facts.add(new Fact("Log source", logsource(a), logsource(b)));
        facts.add(new Fact("Data sources", String.join(", ", a.getDataSources()), String.join(", ", b.getDataSources())));
        facts.add(new Fact("Schedule", a.getSchedule(), b.getSchedule()));
        return facts.stream().filter(f -> !blank(f.left()) || !blank(f.right())).toList();
    }

    private static String logsource(Rule r) {
        List<String> parts = new ArrayList<>();
        if (!blank(r.getLogsourceProduct())) {
            parts.add("product: " + r.getLogsourceProduct());
        }
        if (!blank(r.getLogsourceCategory())) {
            parts.add("category: " + r.getLogsourceCategory());
        }
        if (!blank(r.getLogsourceService())) {
            parts.add("service: " + r.getLogsourceService());
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static List<Technique> techniques(RuleView view) {
        Map<String, Technique> out = new LinkedHashMap<>();
        view.coverage().forEach(row -> row.techniques().forEach(t -> out.putIfAbsent(t.id(), new Technique(t.id(), t.name()))));
        return List.copyOf(out.values());
    }

    private static List<Indicator> indicators(RuleView view) {
        List<Indicator> out = new ArrayList<>();
        for (RuleAnatomy.IndicatorGroup group : view.anatomy().indicators()) {
            group.values().forEach(v -> out.add(new Indicator(group.canonicalField(), group.kind(), group.polarity(), v.value())));
        }
        return out;
    }

    private static String indicatorKey(Indicator i) {
        // An indicator that tests only a field's presence has no value.
        return String.join("\u0000", i.field().toLowerCase(Locale.ROOT), i.kind(), i.polarity(),
                i.value() == null ? "" : i.value().toLowerCase(Locale.ROOT));
    }

    private static List<Event> events(RuleView view) {
        return view.anatomy().eventCoverage().stream().map(e -> new Event(e.provider(), e.event(), e.title())).toList();
    }

    private static <T> Split<T> split(List<T> left, List<T> right, Function<T, String> key) {
        Map<String, T> rightByKey = new LinkedHashMap<>();
        right.forEach(t -> rightByKey.putIfAbsent(key.apply(t), t));
        Map<String, T> leftByKey = new LinkedHashMap<>();
        left.forEach(t -> leftByKey.putIfAbsent(key.apply(t), t));
        List<T> both = new ArrayList<>();
        List<T> onlyLeft = new ArrayList<>();
        leftByKey.forEach((k, t) -> (rightByKey.containsKey(k) ? both : onlyLeft).add(t));
        List<T> onlyRight = rightByKey.entrySet().stream().filter(e -> !leftByKey.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        return new Split<>(both, onlyLeft, onlyRight);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
