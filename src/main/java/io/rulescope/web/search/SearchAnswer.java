package io.rulescope.web.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rulescope.match.EventMatcher;
import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchResult;

/**
 * {@code /api/search}'s answer, serialised by Spring's JSON mapper.
 *
 * @param cached true when this answer was served again from the catalog's answer cache
 * @param tookMs how long the search itself took (not the request, not the time it was served again)
 * @param facets visible facets by filter name, each value with its count, largest first
 * @param instead other readings of the search, each with the query that runs it
 * @param wouldMatch rules whose indicators would match a pasted {@code field=value} (first page only)
 */
record SearchAnswer(boolean cached, String query, long total, long tookMs, int page, int size, String sort, boolean partial,
        List<String> notes, List<SearchResult.Instead> instead, List<Hit> hits, Map<String, Map<String, Long>> facets, List<WouldMatch> wouldMatch) {

    record Hit(String id, String title, String platform, String severity, String status, String permalink, List<String> techniques) {

        static Hit of(RuleSummary r) {
            return new Hit(r.ruleId(), r.title(), r.platform(), blankToNull(r.severity()), blankToNull(r.status()), r.permalink(), r.techniques());
        }
    }

    /** A rule whose predicate accepts the pasted value, with that predicate as the rule writes it. */
    record WouldMatch(String id, String title, String platform, String permalink, String predicate) {

        static WouldMatch of(EventMatcher.ValueMatch m) {
            return new WouldMatch(m.rule().getRuleId(), m.rule().getTitle(), m.rule().getPlatform(), m.rule().getPermalink(), m.predicate());
        }
    }

    static SearchAnswer of(SearchResult result, List<EventMatcher.ValueMatch> wouldMatch) {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        result.facets().entrySet().stream().filter(e -> e.getKey().visible()).forEach(e -> {
            Map<String, Long> values = new LinkedHashMap<>();
            e.getValue().forEach(c -> values.put(c.value(), c.count()));
            facets.put(e.getKey().filter(), values);
        });
        return new SearchAnswer(false, result.query(), result.total(), result.tookMs(), result.page(), result.size(), result.sort(),
                result.partial(), result.notes(), result.instead(), result.hits().stream().map(h -> Hit.of(h.rule())).toList(), facets,
                wouldMatch.stream().map(WouldMatch::of).toList());
    }

    SearchAnswer servedAgain() {
        return new SearchAnswer(true, query, total, tookMs, page, size, sort, partial, notes, instead, hits, facets, wouldMatch);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
