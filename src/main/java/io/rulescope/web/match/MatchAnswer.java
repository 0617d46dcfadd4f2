package io.rulescope.web.match;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rulescope.catalog.Catalog;
import io.rulescope.match.EventSource;
import io.rulescope.match.Hit;
import io.rulescope.match.LoggedEvent;
import io.rulescope.match.MatchResult;

/**
 * The answer of {@code POST /api/match}, serialised by Spring's JSON mapper.
 *
 * @param fields the event's fields as read, a field seen more than once as a list of its values
 * @param partial present when the time budget ran out before every rule was looked at
 * @param notes present when reading the event needed a remark (a guessed log source, a skipped part)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MatchAnswer(Logsource logsource, String shape, Map<String, Object> fields, List<Fire> fires, List<Near> near, int evaluated,
        Map<String, Integer> evaluatedByPlatform, Map<String, Integer> notEvaluated, String partial, List<String> notes, double tookMs) {

    /** The event's log source as recognised; {@code category} is the first of {@code categories}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Logsource(String product, String service, String category, List<String> categories, String provider, String eventId) {
    }

    /** @param evaluation {@code full}, or {@code first-stage} where only a query's first stage can run on one event */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Fire(String id, String title, String platform, String permalink, List<String> attack, String evaluation, List<Hit> matched,
            List<String> notes) {
    }

    /** @param missing the predicates that did not match, or the one reason the rule cannot fire here */
    record Near(String id, String title, String permalink, int matchedPredicates, int totalPredicates, List<String> missing) {
    }

    static MatchAnswer of(Catalog catalog, MatchResult result) {
        EventSource source = result.event().source();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (LoggedEvent.Field f : result.event().fields()) {
            fields.merge(f.name(), f.value(), (a, b) -> a instanceof List<?> l ? append(l, b) : List.of(a, b));
        }
        MatchResult.Summary s = result.summary();
        return new MatchAnswer(new Logsource(source.product(), source.service(), source.categories().isEmpty() ? null : source.categories().get(0),
                source.categories(), source.provider(), source.eventId()), result.event().shape(), fields,
                result.fires().stream().map(f -> new Fire(f.rule().getRuleId(), f.rule().getTitle(), f.rule().getPlatform(),
                        MatchViews.permalink(catalog, f.rule()), f.rule().getTechniqueIds(), f.evaluation(), f.matched(), f.notes().isEmpty() ? null : f.notes())).toList(),
                result.near().stream().map(n -> new Near(n.rule().getRuleId(), n.rule().getTitle(), MatchViews.permalink(catalog, n.rule()),
                        n.matchedPredicates(), n.totalPredicates(), n.reason() != null ? List.of(n.reason()) : n.missing())).toList(),
                s.evaluated(), s.evaluatedByPlatform(), s.notEvaluated(),
                s.cut() ? "the time budget ran out before every rule was looked at; the answer may miss rules" : null,
                result.event().notes().isEmpty() ? null : result.event().notes(), s.tookMicros() / 1000.0);
    }

    private static List<Object> append(List<?> list, Object value) {
        List<Object> out = new java.util.ArrayList<>(list);
        out.add(value);
        return out;
    }
}
