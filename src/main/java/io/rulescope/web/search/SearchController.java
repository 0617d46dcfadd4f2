package io.rulescope.web.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rulescope.catalog.Catalog;
import io.rulescope.search.Facet;
import io.rulescope.search.LuceneQueries;
import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchBusyException;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;

/** The search box: {@code /search?q=} for people and {@code /api/search?q=} for tools. The URL holds all state. */
@Controller
class SearchController {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/search")
    String page(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(defaultValue = "relevance") String sort, Catalog catalog,
            Model model, HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sorts", SearchService.SORTS);
        if (q == null || q.isBlank()) {
            return "search";
        }
        String id = q.strip();
        if (LuceneQueries.RULE_ID.matcher(id).matches()) {
            // A rule id is a permalink typed into the search box: open the rule (its page lists rules sharing the id).
            for (String candidate : List.of(id, id.toLowerCase(java.util.Locale.ROOT))) {
                if (!catalog.rules().withId(candidate).isEmpty()) {
                    return "redirect:/rules/" + org.springframework.web.util.UriUtils.encodePathSegment(candidate, java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        model.addAttribute("wouldMatch", page == 1 ? wouldMatch(catalog, q) : List.of());
        try {
            model.addAttribute("result", search.search(catalog.index(), q, page, size, sort));
        } catch (SearchBusyException e) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader("Retry-After", String.valueOf(SearchBusyException.RETRY_AFTER_SECONDS));
            model.addAttribute("busy", e.getMessage());
        } catch (SearchSyntaxException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            int at = Math.max(0, Math.min(e.position(), q.length()));
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorPosition", at);
            model.addAttribute("errorBefore", q.substring(0, at));
            model.addAttribute("errorAfter", q.substring(at));
        }
        return "search";
    }

    /** A pasted {@code field=value} with no wildcard: besides the rules testing that value, those that would match it. */
    private static final java.util.regex.Pattern PASTED_VALUE = java.util.regex.Pattern.compile("\\s*([A-Za-z_@][\\w.@/-]{0,127})\\s*=\\s*(.+?)\\s*");

    static final int WOULD_MATCH_LIMIT = 100;

    private static List<io.rulescope.match.EventMatcher.ValueMatch> wouldMatch(Catalog catalog, String q) {
        java.util.regex.Matcher m = q == null || q.length() > 4_096 ? null : PASTED_VALUE.matcher(q);
        if (m == null || !m.matches()) {
            return List.of();
        }
        String value = m.group(2);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            return List.of();
        }
        return catalog.matcher().predicatesAccepting(m.group(1), value, WOULD_MATCH_LIMIT);
    }

    @GetMapping("/search/help")
    String help() {
        return "search-help";
    }

    /**
     * The JSON answer. Answers are kept, serialized, as long as the catalog: the same search gives the same answer,
     * and serializing it again was most of the cost of a repeated search. {@code cached} says when an answer is
     * served again; {@code tookMs} is always the time the search itself took.
     */
    @GetMapping(path = "/api/search", produces = "application/json")
    ResponseEntity<byte[]> api(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(defaultValue = "relevance") String sort, Catalog catalog) {
        String key = search.cacheKey(q, page, size, sort);
        Cache<String, byte[]> responses = catalog.cache("search answers", () -> Caffeine.newBuilder().maximumSize(2_000).build());
        boolean[] computed = { false };
        byte[] body;
        try {
            body = responses.get(key, k -> {
                computed[0] = true;
                Map<String, Object> answer = answer(search.search(catalog.index(), q, page, size, sort));
                answer.put("wouldMatch", (page == 1 ? wouldMatch(catalog, q) : List.<io.rulescope.match.EventMatcher.ValueMatch>of()).stream()
                        .map(m -> Map.of("id", m.rule().getRuleId(), "title", m.rule().getTitle(), "platform", m.rule().getPlatform(),
                                "permalink", m.rule().getPermalink(), "predicate", m.predicate())).toList());
                return JSON.writeValueAsBytes(answer);
            });
        } catch (SearchBusyException e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(SearchBusyException.RETRY_AFTER_SECONDS))
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(JSON.writeValueAsBytes(Map.of("error", e.getMessage())));
        } catch (SearchSyntaxException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage());
            error.put("position", e.position());
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsBytes(error));
        }
        if (!computed[0]) {
            body = markCached(body);
        }
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body);
    }

    /** Flips {@code "cached":false} (always the first member) to true without parsing the answer again. */
    private static byte[] markCached(byte[] body) {
        byte[] prefix = "{\"cached\":false".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[body.length - 1];
        byte[] replacement = "{\"cached\":true".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(replacement, 0, out, 0, replacement.length);
        System.arraycopy(body, prefix.length, out, replacement.length, body.length - prefix.length);
        return out;
    }

    private static Map<String, Object> answer(SearchResult result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cached", false);
        body.put("query", result.query());
        body.put("total", result.total());
        body.put("tookMs", result.tookMs());
        body.put("page", result.page());
        body.put("size", result.size());
        body.put("sort", result.sort());
        body.put("partial", result.partial());
        body.put("notes", result.notes());
        body.put("hits", result.hits().stream().map(h -> {
            RuleSummary r = h.rule();
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("id", r.ruleId());
            hit.put("title", r.title());
            hit.put("platform", r.platform());
            hit.put("severity", r.severity().isEmpty() ? null : r.severity());
            hit.put("status", r.status().isEmpty() ? null : r.status());
            hit.put("permalink", r.permalink());
            hit.put("techniques", r.techniques());
            return hit;
        }).toList());
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        result.facets().entrySet().stream().filter(e -> e.getKey().visible()).forEach(e -> {
            Map<String, Long> values = new LinkedHashMap<>();
            e.getValue().forEach(c -> values.put(c.value(), c.count()));
            facets.put(e.getKey().filter(), values);
        });
        body.put("facets", facets);
        return body;
    }

    /** The query narrowed by one facet value, as facet links use it. */
    static String narrow(String q, Facet facet, String value) {
        String quoted = value.matches("[\\w.:\\-]+") ? value : "\"" + value.replace("\"", "\\\"") + "\"";
        return (q == null ? "" : q.strip() + " ") + facet.filter() + ":" + quoted;
    }
}
