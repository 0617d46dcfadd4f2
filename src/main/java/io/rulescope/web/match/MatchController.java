package io.rulescope.web.match;

import java.util.List;
import java.util.Optional;

import io.rulescope.catalog.Catalog;
import io.rulescope.match.EventRejectedException;
import io.rulescope.match.Hit;
import io.rulescope.match.HitView;
import io.rulescope.match.LoggedEvent;
import io.rulescope.match.MatchExamples;
import io.rulescope.match.MatchResult;
import io.rulescope.match.MatchService;
import io.rulescope.rule.Rule;
import io.rulescope.web.PageProblems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /match}: paste an event, see the rules that fire and why, and those that nearly do. {@code /rules/{id}/test}:
 * the same for one rule, predicate by predicate.
 */
@Controller
class MatchController {

    private final MatchService service;
    private final MatchScope scope;

    MatchController(MatchService service, MatchScope scope) {
        this.service = service;
        this.scope = scope;
    }

    /** Fires and near misses shaped for the page. */
    record FireView(Rule rule, String permalink, String evaluation, List<HitView> hits, List<String> notes) {
    }

    record NearView(Rule rule, String permalink, int matched, int total, List<String> missing, String reason) {
    }

    /** How each language's rules are evaluated, from the dialects: "Sigma rules in full; ...; Splunk searches on ...". */
    static final String EVALUATIONS = io.rulescope.dialect.Dialects.all().stream().map(d -> d.evaluationInWords())
            .collect(java.util.stream.Collectors.joining("; "));

    @GetMapping("/match")
    String page(@RequestParam(required = false) String example, @RequestParam(required = false) String product,
            @RequestParam(required = false) String category, @RequestParam(required = false) String service,
            @RequestParam(required = false) String q, Catalog catalog, Model model, HttpServletResponse response) {
        Optional<MatchExamples.Example> chosen = example == null ? Optional.empty() : this.service.examples().named(example);
        if (chosen.isPresent()) {
            return evaluate(chosen.get().text(), product, category, service, q, catalog, model, response);
        }
        prepare(model, "", product, category, service, q, catalog);
        if (example != null) {
            model.addAttribute("error", "there is no example called " + (example.length() > 80 ? example.substring(0, 80) + "…" : example));
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        return "match/match";
    }

    @PostMapping("/match")
    String submit(@RequestParam(name = "event", defaultValue = "") String event, @RequestParam(required = false) String product,
            @RequestParam(required = false) String category, @RequestParam(required = false) String service,
            @RequestParam(required = false) String q, Catalog catalog, Model model, HttpServletResponse response) {
        return evaluate(event, product, category, service, q, catalog, model, response);
    }

    private String evaluate(String text, String product, String category, String service, String q, Catalog catalog, Model model,
            HttpServletResponse response) {
        prepare(model, text, product, category, service, q, catalog);
        try {
            LoggedEvent event = this.service.read(text, product, category, service);
            MatchResult result = scope.within(catalog, q, this.service.match(catalog.matcher(), event));
            model.addAttribute("result", result);
            model.addAttribute("fires", result.fires().stream().map(f -> new FireView(f.rule(), MatchViews.permalink(catalog, f.rule()),
                    f.evaluation(), f.matched().stream().map(HitView::of).toList(), f.notes())).toList());
            model.addAttribute("near", result.near().stream().map(n -> new NearView(n.rule(), MatchViews.permalink(catalog, n.rule()),
                    n.matchedPredicates(), n.totalPredicates(), n.missing(), n.reason())).toList());
            model.addAttribute("matchedFields", result.fires().stream().flatMap(f -> f.matched().stream()).map(Hit::eventField)
                    .collect(java.util.stream.Collectors.toSet()));
        } catch (io.rulescope.error.RulescopeException e) {
            PageProblems.showInPlace(e, model, response);
        }
        return "match/match";
    }

    private void prepare(Model model, String text, String product, String category, String service, String q, Catalog catalog) {
        model.addAttribute("text", text);
        model.addAttribute("q", q == null || q.isBlank() ? null : q.strip());
        model.addAttribute("examples", this.service.examples().all());
        model.addAttribute("evaluations", EVALUATIONS);
        model.addAttribute("product", product);
        model.addAttribute("category", category);
        model.addAttribute("service", service);
        model.addAttribute("logsources", catalog.matcher().logsources());
        model.addAttribute("maxEventBytes", this.service.limits().maxEventBytes());
    }

    @GetMapping({"/rules/{id}/test", "/rules/{id}/{key}/test"})
    String testPage(@PathVariable String id, @PathVariable(required = false) String key,
            @RequestParam(required = false) String example, Catalog catalog, Model model, HttpServletResponse response) {
        Rule rule = find(catalog, id, key);
        if (rule == null) {
            return missing(id, model, response, catalog);
        }
        Optional<MatchExamples.Example> chosen = example == null ? Optional.empty() : service.examples().named(example);
        return trace(rule, chosen.map(MatchExamples.Example::text).orElse(null), catalog, model, response);
    }

    @PostMapping({"/rules/{id}/test", "/rules/{id}/{key}/test"})
    String test(@PathVariable String id, @PathVariable(required = false) String key,
            @RequestParam(name = "event", defaultValue = "") String event, Catalog catalog, Model model, HttpServletResponse response) {
        Rule rule = find(catalog, id, key);
        if (rule == null) {
            return missing(id, model, response, catalog);
        }
        return trace(rule, event, catalog, model, response);
    }

    private String trace(Rule rule, String text, Catalog catalog, Model model, HttpServletResponse response) {
        model.addAttribute("rule", rule);
        model.addAttribute("permalink", MatchViews.permalink(catalog, rule));
        model.addAttribute("text", text == null ? "" : text);
        model.addAttribute("examples", service.examples().all());
        model.addAttribute("maxEventBytes", service.limits().maxEventBytes());
        if (text != null) {
            try {
                LoggedEvent event = service.read(text, null, null, null);
                model.addAttribute("event", event);
                model.addAttribute("trace", catalog.matcher().trace(rule, event));
            } catch (EventRejectedException e) {
                PageProblems.showInPlace(e, model, response);
            }
        }
        return "match/rule-test";
    }

    private static Rule find(Catalog catalog, String id, String key) {
        if (id.length() > 512) {
            return null;
        }
        List<Rule> found = catalog.rules().withId(id);
        if (key != null && found.size() > 1) {
            return found.stream().filter(r -> r.getUid().equals(key) || r.getSlug().equals(key)).findFirst().orElse(found.get(0));
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static String missing(String id, Model model, HttpServletResponse response, Catalog catalog) {
        response.setStatus(catalog.isReady() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        model.addAttribute("missing", id.length() > 200 ? id.substring(0, 200) : id);
        return "rules/not-found";
    }
}
