package io.rulescope.dialect.sigma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.Kind;
import io.rulescope.query.Polarity;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.QueryParseException;
import io.rulescope.query.StageAnalysis;

/**
 * Takes a Sigma detection apart: every search identifier (maps, lists of maps, keyword lists) with its
 * {@code field|modifier} predicates, then the condition, which decides each indicator's polarity.
 */
public final class SigmaAnalyzer {

    /** Modifiers that say how a value matches; the first one found sets the indicator's kind. */
    private static final Map<String, Kind> MATCH_MODIFIERS = Map.ofEntries(Map.entry("contains", Kind.CONTAINS),
            Map.entry("startswith", Kind.STARTSWITH), Map.entry("endswith", Kind.ENDSWITH), Map.entry("re", Kind.RE),
            Map.entry("cidr", Kind.CIDR), Map.entry("gt", Kind.GT), Map.entry("gte", Kind.GTE), Map.entry("lt", Kind.LT),
            Map.entry("lte", Kind.LTE), Map.entry("exists", Kind.EXISTS), Map.entry("fieldref", Kind.FIELDREF));

    private static final Set<String> NOT_IDENTIFIERS = Set.of("condition", "timeframe", "rules");

    private final FieldTaxonomy taxonomy;

    public SigmaAnalyzer(FieldTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public QueryAnalysis analyze(Map<String, Object> detection) {
        Map<String, Expr> byIdentifier = new LinkedHashMap<>();
        Map<String, Integer> stageOf = new LinkedHashMap<>();
        List<StageAnalysis> stages = new ArrayList<>();
        for (Map.Entry<String, Object> e : detection.entrySet()) {
            String id = String.valueOf(e.getKey());
            if (NOT_IDENTIFIERS.contains(id)) {
                continue;
            }
            Expr expr = identifier(e.getValue());
            byIdentifier.put(id, expr);
            stageOf.put(id, stages.size() + 1);
            stages.add(new StageAnalysis(stages.size() + 1, id, SigmaText.of(id, e.getValue()), expr, null, null));
        }
        List<String> notes = new ArrayList<>();
        List<String> conditions = conditions(detection.get("condition"));
        List<Expr> parsed = new ArrayList<>();
        String conditionNote = null;
        Diagnostic conditionCode = null;
        for (String condition : conditions) {
            try {
                parsed.add(ConditionParser.parse(condition, List.copyOf(byIdentifier.keySet())));
                String aggregation = ConditionParser.aggregation(condition);
                if (aggregation != null) {
                    conditionNote = Diagnostic.AGGREGATION_NOT_ANALYSED.format(aggregation);
                    conditionCode = Diagnostic.AGGREGATION_NOT_ANALYSED;
                }
            } catch (QueryParseException ex) {
                conditionNote = "not analysed: " + ex.describe();
                conditionCode = null;
                parsed.add(new Expr.Opaque(condition, ex.describe()));
            }
        }
        if (conditions.isEmpty()) {
            conditionNote = "the detection has no condition";
        }
        Expr condition = parsed.isEmpty() ? null : parsed.size() == 1 ? parsed.get(0) : new Expr.Or(List.copyOf(parsed));
        stages.add(new StageAnalysis(stages.size() + 1, "condition", "condition: " + String.join(" | ", conditions), condition,
                null, conditionNote, 0, conditionCode, List.of()));
        if (conditionNote != null && !conditions.isEmpty()) {
            notes.add("condition: " + conditionNote);
        }

        IndicatorCollector collector = new IndicatorCollector(taxonomy);
        Map<String, IndicatorCollector.ResolvedRef> refs = new LinkedHashMap<>();
        byIdentifier.forEach((id, expr) -> refs.put(id, new IndicatorCollector.ResolvedRef(stageOf.get(id), expr)));
        if (condition != null && !(condition instanceof Expr.Opaque)) {
            collector.collect(stages.size(), condition, Polarity.MATCH, refs);
        } else {
            // Without a readable condition, polarity is unknown: list each identifier as written, as a match.
            refs.values().forEach(r -> collector.collect(r.stage(), r.expr()));
        }
        return new QueryAnalysis(List.copyOf(stages), collector.indicators(), collector.terms(), List.of(), notes);
    }

    private static List<String> conditions(Object condition) {
        List<String> out = new ArrayList<>();
        if (condition instanceof List<?> list) {
            list.forEach(c -> out.add(String.valueOf(c)));
        } else if (condition != null) {
            out.add(String.valueOf(condition));
        }
        return out;
    }

    /** One search identifier: a map (AND of its fields), a list of maps (OR), or a list of keywords (OR). */
    private Expr identifier(Object value) {
        if (value instanceof Map<?, ?> map) {
            return mapping(map);
        }
        if (value instanceof List<?> list) {
            List<Expr> parts = new ArrayList<>();
            for (Object item : list) {
                parts.add(item instanceof Map<?, ?> m ? mapping(m) : new Expr.Term(scalar(item), null));
            }
            return parts.isEmpty() ? new Expr.Opaque("[]", "empty list") : parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
        }
        return value == null ? new Expr.Opaque("null", "empty search identifier") : new Expr.Term(scalar(value), null);
    }

    private Expr mapping(Map<?, ?> map) {
        List<Expr> parts = new ArrayList<>();
        map.forEach((key, value) -> parts.add(field(String.valueOf(key), value)));
        return parts.isEmpty() ? new Expr.All() : parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    /** {@code field|mod|mod: value or list}; a list matches any value, or all with {@code |all}. */
    private Expr field(String key, Object value) {
        String[] parts = key.split("\\|");
        String field = parts[0].strip();
        Kind kind = Kind.EQ;
        List<String> modifiers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String m = parts[i].strip().toLowerCase(Locale.ROOT);
            Kind k = MATCH_MODIFIERS.get(m);
            if (k != null && kind == Kind.EQ) {
                kind = k;
            } else if (!m.isEmpty()) {
                modifiers.add(m);
            }
        }
        List<Object> values = value instanceof List<?> l ? new ArrayList<>(l) : java.util.Collections.singletonList(value);
        List<Expr> leaves = new ArrayList<>();
        for (Object v : values) {
            leaves.add(leaf(field, kind, v, modifiers));
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        return modifiers.contains("all") ? new Expr.And(List.copyOf(leaves)) : new Expr.Or(List.copyOf(leaves));
    }

    private static Expr leaf(String field, Kind kind, Object value, List<String> modifiers) {
        if (field.isEmpty()) {
            // A modifier without a field ("|contains: x") matches the whole event: a keyword.
            return new Expr.Term(scalar(value), null);
        }
        if (kind == Kind.EXISTS) {
            boolean exists = value == null || Boolean.parseBoolean(String.valueOf(value));
            return new Expr.Leaf(new Predicate(field, null, exists ? Kind.EXISTS : Kind.NULL, null, modifiers, null));
        }
        if (value == null || "".equals(value) && kind == Kind.EQ) {
            return new Expr.Leaf(new Predicate(field, null, value == null ? Kind.NULL : Kind.EQ, value == null ? null : "", modifiers, null));
        }
        String text = scalar(value);
        Kind finalKind = kind;
        if (kind == Kind.EQ && text.contains("?")) {
            finalKind = Kind.WILDCARD;
        } else if (kind == Kind.EQ && text.contains("*") && text.endsWith("\\*")) {
            // An escaped (or escaped-backslash) final star is not a trailing wildcard to strip: keep the whole pattern.
            finalKind = Kind.WILDCARD;
        } else if (kind == Kind.EQ && text.contains("*")) {
            Kind.Match match = Kind.fromPattern(text);
            finalKind = match.kind();
            text = match.value();
        }
        return new Expr.Leaf(new Predicate(field, null, finalKind, text, modifiers, null));
    }

    private static String scalar(Object value) {
        return value == null ? "null" : String.valueOf(value);
    }
}
