package io.rulescope.indicator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.Indicator;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.Kind;
import io.rulescope.query.Polarity;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import io.rulescope.rule.Rule;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One catalog's query analyses and the corpus counts over them, immutable. Counts are computed in one pass over all
 * indicators with a hash map when the index is made, never one scan per rule.
 */
public final class IndicatorIndex {

    /** Indicators shared by more rules than this say little about similarity and are skipped, which bounds the cost. */
    static final int MAX_SHARED_BY = 1_000;

    public static final IndicatorIndex EMPTY = new IndicatorIndex(FieldTaxonomy.NONE, null, Map.of());

    private final FieldTaxonomy taxonomy;
    private final EventCoverage events;
    private final Map<String, QueryAnalysis> analyses;
    private final Map<String, List<String>> rulesByKey;
    private final List<String> fieldsByUse;
    private final Map<String, Indicator> exampleByKey;
    /** Made on first use; immutable once made, so a race only makes it twice. */
    private volatile Map<String, List<FieldValue>> valuesByField;

    IndicatorIndex(FieldTaxonomy taxonomy, EventCoverage events, Map<String, QueryAnalysis> byUid) {
        this.taxonomy = taxonomy;
        this.events = events;
        Map<String, List<String>> index = new HashMap<>();
        Map<String, Indicator> examples = new HashMap<>();
        // Both maps take the key string made the first time a key is seen: tens of thousands of keys, one copy each.
        byUid.forEach((uid, analysis) -> {
            Map<String, Indicator> firstByKey = new LinkedHashMap<>();
            analysis.indicators().forEach(i -> firstByKey.putIfAbsent(i.key(), i));
            firstByKey.forEach((k, i) -> {
                index.computeIfAbsent(k, x -> new ArrayList<>(2)).add(uid);
                examples.putIfAbsent(k, i);
            });
        });
        this.exampleByKey = examples;
        Map<String, Integer> fieldUse = new HashMap<>();
        byUid.values().forEach(a -> a.indicators().forEach(i -> fieldUse.merge(i.field(), 1, Integer::sum)));
        this.analyses = Map.copyOf(byUid);
        this.rulesByKey = index;
        this.fieldsByUse = fieldUse.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
    }

    /** One value used with a field across the catalog: how it is matched and by how many rules. */
    public record FieldValue(Indicator example, int rules, String href) {
    }

    /** Every value tested on a field (after canonical folding), most common first. */
    public List<FieldValue> valuesOf(String field) {
        return valuesByField().getOrDefault(taxonomy.canonical(field).toLowerCase(java.util.Locale.ROOT), List.of());
    }

    /**
     * Every field's values, grouped in one pass over the catalog's indicators the first time a field page is asked
     * for: one pass per request over tens of thousands of indicators was most of a field page's cost.
     */
    private Map<String, List<FieldValue>> valuesByField() {
        Map<String, List<FieldValue>> grouped = valuesByField;
        if (grouped == null) {
            Map<String, List<FieldValue>> out = new HashMap<>();
            exampleByKey.forEach((key, i) -> out.computeIfAbsent(i.canonicalField().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                    .add(new FieldValue(i, rulesWith(key).size(), href(i))));
            out.values().forEach(list -> list.sort(java.util.Comparator.comparingInt(FieldValue::rules).reversed()
                    .thenComparing(v -> String.valueOf(v.example().value()))));
            out.replaceAll((k, list) -> List.copyOf(list));
            grouped = Map.copyOf(out);
            valuesByField = grouped;
        }
        return grouped;
    }

    /**
     * Pairs of rules, one from each side, that share the most indicators (rarity-weighted), for comparing rule sets.
     */
    public List<Pair> closestPairs(Set<String> left, Set<String> right, int limit) {
        int n = Math.max(2, analyses.size());
        Map<String, Double> score = new HashMap<>();
        // Indicators, not their descriptions: only the few pairs returned are described.
        Map<String, List<Indicator>> shared = new HashMap<>();
        for (String uid : left) {
            QueryAnalysis a = analyses.get(uid);
            if (a == null) {
                continue;
            }
            Set<String> seen = new java.util.HashSet<>();
            for (Indicator i : a.indicators()) {
                List<String> uids = rulesWith(i.key());
                if (!seen.add(i.key()) || uids.size() < 2 || uids.size() > MAX_SHARED_BY) {
                    continue;
                }
                double weight = Math.log((double) n / uids.size());
                for (String other : uids) {
                    if (!other.equals(uid) && right.contains(other)) {
                        String pair = uid + "|" + other;
                        score.merge(pair, weight, Double::sum);
                        shared.computeIfAbsent(pair, k -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        return score.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(e -> {
                    String[] uids = e.getKey().split("\\|");
                    return new Pair(uids[0], uids[1], e.getValue(), shared.get(e.getKey()).stream().map(IndicatorIndex::describe).toList());
                }).toList();
    }

    public record Pair(String left, String right, double score, List<String> shared) {
    }

    /** Field names as rules write them, most used first, for search suggestions. */
    public List<String> fieldsByUse() {
        return fieldsByUse;
    }

    public FieldTaxonomy taxonomy() {
        return taxonomy;
    }

    public int size() {
        return analyses.size();
    }

    public int distinctIndicators() {
        return rulesByKey.size();
    }

    /** The uids of rules with this indicator key. */
    public List<String> rulesWith(String key) {
        return rulesByKey.getOrDefault(key, List.of());
    }

    /** The canonical events a rule reads ("Process creation"), whatever its platform calls them. */
    public List<EventVocabulary.CanonicalEvent> behaviours(Rule rule) {
        return events == null ? List.of() : events.behaviours(rule, events.of(rule, analysisOf(rule)));
    }

    /** The analysis made at ingest; empty for a rule this catalog does not hold. */
    public QueryAnalysis analysisOf(Rule rule) {
        return analyses.getOrDefault(rule.getUid(), QueryAnalysis.EMPTY);
    }

    /**
     * The rules sharing the most with this one, each shared indicator weighted by its rarity (inverse document
     * frequency), so two rules that both look for a rare command line rank above two that both read Sysmon.
     */
    public List<Similar> similar(Rule rule, int limit) {
        return closestPairs(Set.of(rule.getUid()), analyses.keySet(), limit).stream()
                .map(p -> new Similar(p.right(), p.score(), p.shared())).toList();
    }

    /** A rule similar to another, with the indicators they share. */
    public record Similar(String uid, double score, List<String> sharedIndicators) {
    }

    /** The rule page's anatomy sections, with the corpus column filled in. */
    public RuleAnatomy anatomy(Rule rule) {
        return anatomy(rule, analysisOf(rule));
    }

    /** The anatomy of a rule with an analysis made apart (an older version of it), counted against this catalog. */
    public RuleAnatomy anatomy(Rule rule, QueryAnalysis a) {
        List<RuleAnatomy.StageView> stages = new ArrayList<>();
        for (StageAnalysis s : a.stages()) {
            List<String> predicates = new ArrayList<>();
            if (s.expression() != null && !s.command().equals("condition")) {
                IndicatorCollector one = new IndicatorCollector(taxonomy);
                one.collect(s.n(), s.expression());
                one.indicators().forEach(i -> predicates.add(describe(i)));
            }
            stages.add(new RuleAnatomy.StageView(s.n(), s.command(), s.text(), predicates,
                    s.expression() == null ? null : IndicatorCollector.render(s.expression()), s.expansion(), s.note(), s.depth()));
        }
        String unsupported = io.rulescope.dialect.Dialects.of(rule).flatMap(dialect -> dialect.withoutAnatomy(rule))
                .orElse(a == QueryAnalysis.EMPTY && rule.getQuery() != null
                        ? "Queries in " + rule.getLanguage() + " are shown as written; Rulescope does not take them apart yet." : null);
        List<RuleAnatomy.EventRow> rows = events == null ? List.of() : events.of(rule, a);
        List<String> behaviours = events == null ? List.of() : events.behaviours(rule, rows).stream().map(EventVocabulary.CanonicalEvent::name).toList();
        return new RuleAnatomy(stages, groups(rule, a.indicators()), a.searchTerms(), rows, behaviours, a.notes(), unsupported);
    }

    private static String describe(Indicator i) {
        String field = (i.dataModel() == null ? "" : i.dataModel() + ".") + i.field();
        return field + " " + i.kind().label() + (i.value() == null ? "" : " " + i.value())
                + (i.polarity() == Polarity.EXCLUDE ? " (exclude)" : "")
                + (i.viaMacro() == null ? "" : "  ← `" + i.viaMacro() + "`");
    }

    private List<RuleAnatomy.IndicatorGroup> groups(Rule rule, List<Indicator> indicators) {
        Map<String, List<Indicator>> grouped = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            String key = i.field() + "\u0000" + i.dataModel() + "\u0000" + i.kind() + "\u0000" + i.polarity() + "\u0000" + i.modifiers();
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<RuleAnatomy.IndicatorGroup> out = new ArrayList<>();
        for (List<Indicator> group : grouped.values()) {
            Indicator first = group.get(0);
            Map<String, RuleAnatomy.ValueCount> values = new LinkedHashMap<>();
            for (Indicator i : group) {
                List<String> sharing = rulesWith(i.key());
                int others = (int) sharing.stream().filter(uid -> !uid.equals(rule.getUid())).count();
                values.putIfAbsent(String.valueOf(i.value()), new RuleAnatomy.ValueCount(i.value(), others, href(i)));
            }
            out.add(new RuleAnatomy.IndicatorGroup(first.field(), first.dataModel(), first.canonicalField(), first.kind().label(),
                    first.polarity().label(), first.modifiers(), List.copyOf(values.values())));
        }
        return out;
    }

    /** The link to the rules sharing an indicator: {@code /indicators?field=&kind=&value=&polarity=}. */
    public static String href(Indicator i) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/indicators").queryParam("field", i.canonicalField())
                .queryParam("kind", i.kind().label());
        if (i.value() != null) {
            b.queryParam("value", i.value());
        }
        if (i.polarity() == Polarity.EXCLUDE) {
            b.queryParam("polarity", "exclude");
        }
        if (i.caseSensitive()) {
            b.queryParam("cased", "true");
        }
        return b.encode(StandardCharsets.UTF_8).build().toUriString();
    }

    /** Group-by fields as written, each with its canonical name where the taxonomy knows a different one. */
    public List<FieldName> fieldNames(List<String> fields) {
        return fields.stream().map(f -> {
            String bare = io.rulescope.query.FieldName.of(f).name();
            String canonical = taxonomy.canonical(bare);
            return new FieldName(f, canonical.equalsIgnoreCase(bare) ? null : canonical);
        }).toList();
    }

    /** A field as written and, where it differs, its canonical name. */
    public record FieldName(String written, String canonical) {
    }

    /** The key of an indicator named in a URL, folded the same way as the rules' own indicators. */
    public String keyOf(String field, Kind kind, String value, Polarity polarity, boolean cased) {
        return Indicator.key(taxonomy.canonical(field), kind, value, polarity, cased);
    }

}
