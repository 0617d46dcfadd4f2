package io.rulescope.web.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rulescope.catalog.Catalog;
import io.rulescope.match.EventSource;
import io.rulescope.match.LoggedEvent;
import io.rulescope.match.MatchResult;
import io.rulescope.rule.Permalinks;
import io.rulescope.rule.Rule;

/** A match answer as the API writes it and the links pages give, which need the catalog the request took. */
final class MatchViews {

    private MatchViews() {
    }

    static String permalink(Catalog catalog, Rule rule) {
        return catalog.rules().withId(rule.getRuleId()).size() > 1 ? Permalinks.of(rule.getRuleId(), rule.getUid())
                : Permalinks.of(rule.getRuleId());
    }

    /** The answer of {@code POST /api/match}. */
    static Map<String, Object> json(Catalog catalog, MatchResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        EventSource source = result.event().source();
        Map<String, Object> logsource = new LinkedHashMap<>();
        logsource.put("product", source.product());
        logsource.put("service", source.service());
        logsource.put("category", source.categories().isEmpty() ? null : source.categories().get(0));
        logsource.put("categories", source.categories());
        logsource.put("provider", source.provider());
        logsource.put("eventId", source.eventId());
        body.put("logsource", logsource);
        body.put("shape", result.event().shape());
        Map<String, Object> fields = new LinkedHashMap<>();
        for (LoggedEvent.Field f : result.event().fields()) {
            fields.merge(f.name(), f.value(), (a, b) -> a instanceof List<?> l ? append(l, b) : List.of(a, b));
        }
        body.put("fields", fields);
        body.put("fires", result.fires().stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.rule().getRuleId());
            m.put("title", f.rule().getTitle());
            m.put("platform", f.rule().getPlatform());
            m.put("permalink", permalink(catalog, f.rule()));
            m.put("attack", f.rule().getTechniqueIds());
            m.put("evaluation", f.evaluation());
            m.put("matched", f.matched());
            if (!f.notes().isEmpty()) {
                m.put("notes", f.notes());
            }
            return m;
        }).toList());
        body.put("near", result.near().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.rule().getRuleId());
            m.put("title", n.rule().getTitle());
            m.put("permalink", permalink(catalog, n.rule()));
            m.put("matchedPredicates", n.matchedPredicates());
            m.put("totalPredicates", n.totalPredicates());
            m.put("missing", n.reason() != null ? List.of(n.reason()) : n.missing());
            return m;
        }).toList());
        MatchResult.Summary s = result.summary();
        body.put("evaluated", s.evaluated());
        body.put("evaluatedByPlatform", s.evaluatedByPlatform());
        body.put("notEvaluated", s.notEvaluated());
        if (s.cut()) {
            body.put("partial", "the time budget ran out before every rule was looked at; the answer may miss rules");
        }
        if (!result.event().notes().isEmpty()) {
            body.put("notes", result.event().notes());
        }
        body.put("tookMs", s.tookMicros() / 1000.0);
        return body;
    }

    private static List<Object> append(List<?> list, Object value) {
        List<Object> out = new java.util.ArrayList<>(list);
        out.add(value);
        return out;
    }
}
