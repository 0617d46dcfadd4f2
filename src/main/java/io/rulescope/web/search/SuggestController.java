package io.rulescope.web.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;

/** Suggestions as the user types: techniques, field names to search on, and rule titles. */
@RestController
class SuggestController {

    static final int LIMIT = 6;
    static final int MAX_INPUT = 100;

    private final AttackCatalog attack;
    private final SearchService search;

    SuggestController(AttackCatalog attack, SearchService search) {
        this.attack = attack;
        this.search = search;
    }

    @GetMapping(path = "/api/suggest", produces = "application/json")
    Map<String, Object> suggest(@RequestParam(defaultValue = "") String q, Catalog catalog) {
        String text = q.strip();
        Map<String, Object> body = new LinkedHashMap<>();
        if (text.length() < 2 || text.length() > MAX_INPUT) {
            body.put("techniques", List.of());
            body.put("fields", List.of());
            body.put("rules", List.of());
            return body;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        body.put("techniques", attack.techniques().stream().filter(t -> !t.isWithdrawn())
                .filter(t -> t.id().toLowerCase(Locale.ROOT).startsWith(lower) || attack.displayName(t).toLowerCase(Locale.ROOT).contains(lower))
                .limit(LIMIT).map(t -> Map.of("id", t.id(), "name", attack.displayName(t))).toList());
        body.put("fields", catalog.indicators().fieldsByUse().stream().filter(f -> f.toLowerCase(Locale.ROOT).startsWith(lower)).limit(LIMIT).toList());
        body.put("rules", titles(catalog, text));
        return body;
    }

    private List<Map<String, String>> titles(Catalog catalog, String text) {
        String words = text.replaceAll("[^\\p{L}\\p{N} ]", " ").strip();
        if (words.isEmpty()) {
            return List.of();
        }
        try {
            return search.search(catalog.index(), "title:\"" + words + "\"", 1, LIMIT, "relevance").hits().stream()
                    .map(h -> Map.of("title", h.rule().title(), "permalink", h.rule().permalink())).toList();
        } catch (SearchSyntaxException e) {
            return List.of();
        }
    }

}
