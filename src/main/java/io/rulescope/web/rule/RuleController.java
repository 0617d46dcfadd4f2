package io.rulescope.web.rule;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleVersion;
import io.rulescope.rule.CatalogSummary;
import io.rulescope.rule.Permalinks;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.RuleFilter;
import io.rulescope.search.RulePage;
import io.rulescope.search.SearchService;
import io.rulescope.web.ListingProperties;

@Controller
class RuleController {

    private static final int MAX_ID_LENGTH = 512;

    private final RuleViews views;
    private final HistoryViews history;
    private final AttackCatalog attack;
    private final SearchService search;
    private final ListingProperties listing;

    RuleController(RuleViews views, HistoryViews history, AttackCatalog attack, SearchService search, ListingProperties listing) {
        this.listing = listing;
        this.views = views;
        this.history = history;
        this.attack = attack;
        this.search = search;
    }

    /** The platforms of the languages Rulescope reads, in words: "Sigma, Elastic and Splunk". */
    private static final String PLATFORMS = inWords(io.rulescope.dialect.Dialects.all().stream()
            .map(io.rulescope.dialect.Dialect::platform).distinct().toList());

    static String inWords(java.util.List<String> names) {
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    @GetMapping("/")
    String home(Catalog catalog, Model model) {
        model.addAttribute("summary", catalog.summary());
        model.addAttribute("platforms", PLATFORMS);
        model.addAttribute("matrix", io.rulescope.attack.AttackMatrix.of(attack, search.matrixCounts(catalog.index(), null)));
        return "home";
    }

    @GetMapping("/rules")
    String list(@RequestParam(required = false) String platform, @RequestParam(required = false) String source,
            @RequestParam(required = false) String status, @RequestParam(required = false) String tactic,
            @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size, Catalog catalog, Model model) {
        RuleFilter filter = new RuleFilter(platform, source, status, tactic);
        RulePage rules = RulePage.of(search.list(catalog.index(), filter, page, ListingProperties.sizeOr(size, listing.rulesPageSize()), "title"));
        model.addAttribute("filter", filter);
        model.addAttribute("options", filterOptions(catalog.summary()));
        model.addAttribute("page", rules);
        model.addAttribute("summary", catalog.summary());
        return "rules/list";
    }

    /** Each filter's choices, value to label, with how many rules each has, most first (tactics in matrix order). */
    private static Map<String, Map<String, String>> filterOptions(CatalogSummary summary) {
        Map<String, String> tactics = new LinkedHashMap<>();
        summary.byTactic().forEach(t -> tactics.put(t.shortName(), t.name() + " (" + t.rules() + ")"));
        return Map.of("platform", counted(summary.byPlatform()), "source", counted(summary.bySource()), "status",
                counted(summary.byStatus()), "tactic", tactics);
    }

    private static Map<String, String> counted(Map<String, Integer> counts) {
        Map<String, String> out = new LinkedHashMap<>();
        counts.forEach((value, n) -> out.put(value, value + " (" + n + ")"));
        return out;
    }

    @GetMapping("/rules/{id}")
    String rule(@PathVariable String id, @RequestParam(required = false) String values, @RequestParam(required = false) String target,
            Catalog catalog, Model model, HttpServletResponse response) {
        model.addAttribute("allValues", "all".equals(values));
        model.addAttribute("targetId", target);
        return show(catalog, id, null, model, response);
    }

    /** The second segment is the title slug (for readable links) or, among rules sharing an id, the rule's key. */
    @GetMapping("/rules/{id}/{key}")
    String ruleWithKey(@PathVariable String id, @PathVariable String key, @RequestParam(required = false) String values,
            @RequestParam(required = false) String target, Catalog catalog, Model model, HttpServletResponse response) {
        model.addAttribute("allValues", "all".equals(values));
        model.addAttribute("targetId", target);
        return show(catalog, id, key, model, response);
    }

    private String show(Catalog catalog, String id, String key, Model model, HttpServletResponse response) {
        if (id.length() > MAX_ID_LENGTH) {
            return notFound(catalog, id, model, response);
        }
        RuleSet rules = catalog.rules();
        List<Rule> found = rules.withId(id);
        if (found.isEmpty()) {
            List<Rule> named = rules.withAlias(id);
            if (named.size() == 1) {
                Rule target = named.get(0);
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", views.permalink(target, rules.withId(target.getRuleId()).size()));
                return null;
            }
            int at = id.lastIndexOf('@');
            if (at > 0) {
                return version(catalog, id.substring(0, at), id.substring(at + 1), model, response);
            }
            return notFound(catalog, id, model, response);
        }
        List<Rule> chosen = found;
        if (key != null && found.size() > 1) {
            List<Rule> byUid = found.stream().filter(r -> r.getUid().equals(key)).toList();
            chosen = !byUid.isEmpty() ? byUid : found.stream().filter(r -> r.getSlug().equals(key)).toList();
            if (chosen.isEmpty()) {
                chosen = found;
            }
        }
        if (chosen.size() > 1) {
            model.addAttribute("ruleId", id);
            model.addAttribute("rules", chosen.stream().map(r -> views.view(catalog, r, found.size())).toList());
            return "rules/shared-id";
        }
        RuleView view = views.view(catalog, chosen.get(0), found.size());
        model.addAttribute("view", view);
        model.addAttribute("conversion", views.conversion(catalog, chosen.get(0), (String) model.getAttribute("targetId")));
        model.addAttribute("targets", io.rulescope.convert.Targets.all());
        model.addAttribute("history", history.summary(chosen.get(0)));
        model.addAttribute("attackRelease", attack.release());
        model.addAttribute("og", OpenGraph.of(view, org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().path(view.permalink()).build().toUriString()));
        return "rules/rule";
    }

    /** {@code /rules/{id}@{commit}}: the rule as that commit left it, with its own permalink. */
    private String version(Catalog catalog, String ruleId, String commit, Model model, HttpServletResponse response) {
        Optional<HistoryViews.Located> located = history.locate(catalog, ruleId);
        Optional<RuleVersion> version = located.flatMap(h -> history.version(h, commit)).map(NumberedVersion::version);
        Optional<RuleView> view = version.flatMap(v -> history.viewAt(catalog, located.get(), v));
        if (view.isEmpty()) {
            return notFound(catalog, ruleId + "@" + commit, model, response);
        }
        model.addAttribute("view", view.get());
        model.addAttribute("historic", version.get());
        model.addAttribute("historyOf", located.get());
        model.addAttribute("attackRelease", attack.release());
        model.addAttribute("history", located.get().current() == null ? null : history.summary(located.get().current()));
        return "rules/rule";
    }

    /** Links that name a file rather than an id, as other catalogs hand out, land on the id permalink. */
    @GetMapping("/rules/by-path/{source}/**")
    String byPath(@PathVariable String source, HttpServletRequest request, Catalog catalog, Model model,
            HttpServletResponse response) {
        String uri = request.getRequestURI();
        String prefix = request.getContextPath() + "/rules/by-path/";
        String rest = uri.substring(Math.min(uri.length(), prefix.length()));
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : UriUtils.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
        List<Rule> atPath = catalog.rules().atPath(source, path);
        if (atPath.isEmpty()) {
            return notFound(catalog, source + "/" + path, model, response);
        }
        Rule first = atPath.get(0);
        boolean oneId = atPath.stream().allMatch(r -> r.getRuleId().equals(first.getRuleId()));
        String target = oneId && atPath.size() > 1 ? Permalinks.of(first.getRuleId())
                : views.permalink(first, catalog.rules().withId(first.getRuleId()).size());
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", target);
        return null;
    }

    private String notFound(Catalog catalog, String what, Model model, HttpServletResponse response) {
        response.setStatus(catalog.isReady() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        model.addAttribute("missing", what.length() > 200 ? what.substring(0, 200) + "…" : what);
        return "rules/not-found";
    }
}
