package io.rulescope.web.search;

import java.util.List;
import java.util.Locale;

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

    /** What the search box offers while typing: techniques by id or name, indicator fields, rule titles. */
    record Suggestions(List<TechniqueSuggestion> techniques, List<String> fields, List<RuleSuggestion> rules) {
        static final Suggestions NONE = new Suggestions(List.of(), List.of(), List.of());
    }

    record TechniqueSuggestion(String id, String name) {
    }

    record RuleSuggestion(String title, String permalink) {
    }

    @GetMapping(path = "/api/suggest", produces = "application/json")
    Suggestions suggest(@RequestParam(defaultValue = "") String q, Catalog catalog) {
        String text = q.strip();
        if (text.length() < 2 || text.length() > MAX_INPUT) {
            return Suggestions.NONE;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return new Suggestions(attack.techniques().stream().filter(t -> !t.isWithdrawn())
                .filter(t -> t.id().toLowerCase(Locale.ROOT).startsWith(lower) || attack.displayName(t).toLowerCase(Locale.ROOT).contains(lower))
                .limit(LIMIT).map(t -> new TechniqueSuggestion(t.id(), attack.displayName(t))).toList(),
                catalog.indicators().fieldsByUse().stream().filter(f -> f.toLowerCase(Locale.ROOT).startsWith(lower)).limit(LIMIT).toList(),
                titles(catalog, text));
    }

    /**
     * Titles with the words typed, the last one as a prefix since it is still being typed ({@code lsas} suggests the
     * LSASS rules); words that do not make a search (a lone quote) suggest nothing, quietly.
     */
    private List<RuleSuggestion> titles(Catalog catalog, String text) {
        String words = text.replaceAll("[^\\p{L}\\p{N} ]", " ").strip();
        if (words.isEmpty()) {
            return List.of();
        }
        int lastSpace = words.lastIndexOf(' ');
        String last = words.substring(lastSpace + 1);
        String typed = (lastSpace < 0 ? "" : "title:\"" + words.substring(0, lastSpace).strip() + "\" ")
                + (last.length() >= 3 ? "title:" + last + "*" : "title:" + last);
        try {
            return search.search(catalog.index(), typed, 1, LIMIT, "relevance").hits().stream()
                    .map(h -> new RuleSuggestion(h.rule().title(), h.rule().permalink())).toList();
        } catch (SearchSyntaxException e) {
            return List.of();
        }
    }
}
