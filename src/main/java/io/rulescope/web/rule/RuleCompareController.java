package io.rulescope.web.rule;

import java.util.List;
import java.util.Optional;

import io.rulescope.catalog.Catalog;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Two rules side by side ({@code /compare/rules?a=&b=}). Each side is a rule id, a permalink (with or without the
 * host) or, for the second, words to find it by: then the page lists the best matches to pick from.
 */
@Controller
class RuleCompareController {

    private static final int MAX_REFERENCE = 600;
    private static final int CANDIDATES = 10;

    private final RuleViews views;
    private final SearchService search;

    RuleCompareController(RuleViews views, SearchService search) {
        this.views = views;
        this.search = search;
    }

    @GetMapping("/compare/rules")
    String compare(@RequestParam String a, @RequestParam(required = false) String b, Catalog catalog, Model model,
            HttpServletResponse response) {
        Optional<RuleView> left = resolve(catalog, a);
        if (left.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", clip(a));
            return "rules/compare";
        }
        model.addAttribute("a", reference(left.get()));
        model.addAttribute("b", b == null ? "" : clip(b));
        model.addAttribute("leftView", left.get());
        Optional<RuleView> right = b == null || b.isBlank() ? Optional.empty() : resolve(catalog, b);
        if (right.isPresent()) {
            model.addAttribute("comparison", RuleComparison.of(left.get(), right.get()));
            return "rules/compare";
        }
        // Not a rule reference: words to find the second rule by, or nothing yet. Offer its similar rules or matches.
        if (b != null && !b.isBlank()) {
            try {
                SearchResult found = search.search(catalog.index(), clip(b), 1, CANDIDATES, "relevance");
                model.addAttribute("candidates", found.hits().stream().map(SearchResult.Hit::rule)
                        .filter(r -> !r.uid().equals(left.get().rule().getUid())).toList());
            } catch (SearchSyntaxException e) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("error", e.getMessage() + " (position " + e.position() + ")");
            }
        }
        return "rules/compare";
    }

    /** The shortest way to name a rule in a compare link: its permalink without {@code /rules/}. */
    static String reference(RuleView view) {
        return view.permalink().substring("/rules/".length());
    }

    private Optional<RuleView> resolve(Catalog catalog, String reference) {
        return resolve(views, catalog, reference);
    }

    /** The rule a reference names: an id, {@code id:...}, a permalink or a pasted rule URL. */
    static Optional<RuleView> resolve(RuleViews views, Catalog catalog, String reference) {
        String ref = clip(reference).strip();
        int at = ref.indexOf("/rules/");
        if (at >= 0) {
            ref = ref.substring(at + "/rules/".length());
        }
        if (ref.startsWith("id:")) {
            ref = ref.substring(3);
        }
        int query = ref.indexOf('?');
        ref = query >= 0 ? ref.substring(0, query) : ref;
        String[] parts = ref.split("/", 2);
        RuleSet rules = catalog.rules();
        List<Rule> found = rules.withId(parts[0]);
        if (found.isEmpty()) {
            found = rules.withAlias(parts[0]);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Rule chosen = found.get(0);
        if (parts.length > 1) {
            chosen = found.stream().filter(r -> r.getUid().equals(parts[1]) || r.getSlug().equals(parts[1])).findFirst().orElse(chosen);
        }
        return Optional.of(views.view(catalog, chosen, rules.withId(chosen.getRuleId()).size()));
    }

    static String clip(String s) {
        return s.length() > MAX_REFERENCE ? s.substring(0, MAX_REFERENCE) : s;
    }
}
