package io.rulescope.web.rule;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import io.rulescope.catalog.Catalog;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;

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

    /**
     * The same comparison for tools: both rules named, then what they share and what only one has. 404 names the side
     * that is not a rule.
     */
    @GetMapping(path = "/api/compare/rules", produces = "application/json")
    @ResponseBody
    ResponseEntity<Object> api(@RequestParam String a, @RequestParam String b, Catalog catalog) {
        Optional<RuleView> left = resolve(catalog, a);
        Optional<RuleView> right = resolve(catalog, b);
        if (left.isEmpty() || right.isEmpty()) {
            return ResponseEntity.status(HttpServletResponse.SC_NOT_FOUND)
                    .body(new Missing("no rule with this id or permalink", clip(left.isEmpty() ? a : b)));
        }
        return ResponseEntity.ok(ComparisonAnswer.of(RuleComparison.of(left.get(), right.get())));
    }

    record Missing(String error, String reference) {
    }

    /** A side as the API names it. */
    record Side(String id, String title, String platform, String permalink) {
        static Side of(RuleView view) {
            return new Side(view.rule().getRuleId(), view.rule().getTitle(), view.rule().getPlatform(), view.permalink());
        }
    }

    /** {@code /api/compare/rules}: the two rules, their facts, and each split into both / only left / only right. */
    record ComparisonAnswer(Side left, Side right, List<RuleComparison.Fact> facts, RuleComparison.Split<RuleComparison.Technique> techniques,
            RuleComparison.Split<RuleComparison.Indicator> indicators, RuleComparison.Split<RuleComparison.Event> events) {
        static ComparisonAnswer of(RuleComparison c) {
            return new ComparisonAnswer(Side.of(c.left()), Side.of(c.right()), c.facts(), c.techniques(), c.indicators(), c.events());
        }
    }

    /** The shortest way to name a rule in a compare link: its permalink without {@code /rules/}. */
    static String reference(RuleView view) {
        return view.permalink().substring("/rules/".length());
    }

    private Optional<RuleView> resolve(Catalog catalog, String reference) {
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

    private static String clip(String s) {
        return s.length() > MAX_REFERENCE ? s.substring(0, MAX_REFERENCE) : s;
    }
}
