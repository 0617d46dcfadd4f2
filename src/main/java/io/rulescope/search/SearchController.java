package io.rulescope.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The search box: {@code /search?q=} for people and {@code /api/search?q=} for tools. The URL holds all state. */
@Controller
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/search")
    String page(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(defaultValue = "relevance") String sort, Model model,
            HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sorts", SearchService.SORTS);
        if (q == null || q.isBlank()) {
            return "search";
        }
        try {
            model.addAttribute("result", search.search(q, page, size, sort));
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

    @GetMapping("/search/help")
    String help() {
        return "search-help";
    }

    @GetMapping(path = "/api/search", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> api(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size, @RequestParam(defaultValue = "relevance") String sort) {
        Map<String, Object> body = new LinkedHashMap<>();
        SearchResult result;
        try {
            result = search.search(q, page, size, sort);
        } catch (SearchSyntaxException e) {
            body.put("error", e.getMessage());
            body.put("position", e.position());
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body);
        }
        body.put("query", result.query());
        body.put("total", result.total());
        body.put("tookMs", result.tookMs());
        body.put("page", result.page());
        body.put("size", result.size());
        body.put("sort", result.sort());
        body.put("partial", result.partial());
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
            Facet facet = e.getKey();
            List<SearchResult.FacetCount> counts = e.getValue();
            Map<String, Long> values = new LinkedHashMap<>();
            counts.forEach(c -> values.put(c.value(), c.count()));
            facets.put(facet.filter(), values);
        });
        body.put("facets", facets);
        return ResponseEntity.ok(body);
    }

    /** The query narrowed by one facet value, as facet links use it. */
    static String narrow(String q, Facet facet, String value) {
        String quoted = value.matches("[\\w.:\\-]+") ? value : "\"" + value.replace("\"", "\\\"") + "\"";
        return (q == null ? "" : q.strip() + " ") + facet.filter() + ":" + quoted;
    }

    static List<Facet> facets() {
        return List.of(Facet.values());
    }
}
