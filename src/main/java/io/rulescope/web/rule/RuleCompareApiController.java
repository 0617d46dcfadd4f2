package io.rulescope.web.rule;

import java.util.List;
import java.util.Optional;

import io.rulescope.catalog.Catalog;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/compare/rules}: two rules compared, for tools.
 */
@RestController
class RuleCompareApiController {

    private final RuleViews views;

    RuleCompareApiController(RuleViews views) {
        this.views = views;
    }

    /**
     * The same comparison for tools: both rules named, then what they share and what only one has. 404 names the side
     * that is not a rule.
     */
    @GetMapping(path = "/api/compare/rules", produces = "application/json")
    ResponseEntity<Object> api(@RequestParam String a, @RequestParam String b, Catalog catalog) {
        Optional<RuleView> left = RuleCompareController.resolve(views, catalog, a);
        Optional<RuleView> right = RuleCompareController.resolve(views, catalog, b);
        if (left.isEmpty() || right.isEmpty()) {
            return ResponseEntity.status(HttpServletResponse.SC_NOT_FOUND)
                    .body(new Missing("no rule with this id or permalink", RuleCompareController.clip(left.isEmpty() ? a : b)));
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

    /**
     * {@code /api/compare/rules}: the two rules, their facts, and each split into both / only left / only right;
     * {@code relatedTechniques} pairs a technique of one with a sub-technique of it in the other.
     */
    record ComparisonAnswer(Side left, Side right, List<RuleComparison.Fact> facts, RuleComparison.Split<RuleComparison.Technique> techniques,
            List<RuleComparison.RelatedTechniques> relatedTechniques, RuleComparison.Split<RuleComparison.Indicator> indicators,
            RuleComparison.Split<RuleComparison.Event> events) {
        static ComparisonAnswer of(RuleComparison c) {
            return new ComparisonAnswer(Side.of(c.left()), Side.of(c.right()), c.facts(), c.techniques(), c.relatedTechniques(),
                    c.indicators(), c.events());
        }
    }
}
