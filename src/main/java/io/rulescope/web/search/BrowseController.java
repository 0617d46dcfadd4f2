package io.rulescope.web.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.search.RuleFilter;
import io.rulescope.search.RuleSummary;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;
import io.rulescope.web.ListingProperties;

/** Views over the catalog as a whole: a field's values, what a source contributes, and two rule sets compared. */
@Controller
class BrowseController {

    static final int MAX_NAME = 200;
    static final int FIELD_VALUES_SHOWN = 500;
    /** How many of its most recently changed rules a source, data source or story page lists. */
    static final int RECENT = 10;

    private final SearchService search;
    private final AttackCatalog attack;

    private final ListingProperties listing;

    BrowseController(SearchService search, AttackCatalog attack, ListingProperties listing) {
        this.search = search;
        this.attack = attack;
        this.listing = listing;
    }

    @GetMapping("/fields/{name}")
    String field(@PathVariable String name, Catalog catalog, Model model) {
        return fieldPage(name, catalog, model);
    }

    /**
     * The same page for names with a slash ({@code data.labels.authorization.k8s.io/decision}): servlet containers
     * refuse an encoded slash in a path, so rule pages link these by query parameter.
     */
    @GetMapping(path = "/fields", params = "name")
    String fieldByParameter(@RequestParam String name, Catalog catalog, Model model) {
        return fieldPage(name, catalog, model);
    }

    private String fieldPage(String name, Catalog catalog, Model model) {
        String safe = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        IndicatorIndex indicators = catalog.indicators();
        List<IndicatorIndex.FieldValue> values = indicators.valuesOf(safe);
        model.addAttribute("field", safe);
        model.addAttribute("canonical", indicators.taxonomy().canonical(safe));
        model.addAttribute("total", values.size());
        model.addAttribute("values", values.subList(0, Math.min(FIELD_VALUES_SHOWN, values.size())));
        return "browse/field";
    }

    @GetMapping("/sources/{name}")
    String source(@PathVariable String name, Catalog catalog, Model model, HttpServletResponse response) {
        return summary(catalog, RuleFilter.ofSource(clip(name)), "Source", name, model, response);
    }

    @GetMapping("/datasources/{name}")
    String dataSource(@PathVariable String name, Catalog catalog, Model model, HttpServletResponse response) {
        return summary(catalog, RuleFilter.ofDataSource(clip(name)), "Data source", name, model, response);
    }

    /** Names with a '/' ("Windows Event Log Microsoft-Windows-X/Operational"): servlet containers refuse one encoded in a path. */
    @GetMapping(path = "/datasources", params = "name")
    String dataSourceNamed(@RequestParam String name, Catalog catalog, Model model, HttpServletResponse response) {
        return dataSource(name, catalog, model, response);
    }

    @GetMapping("/stories/{name}")
    String story(@PathVariable String name, Catalog catalog, Model model, HttpServletResponse response) {
        return summary(catalog, RuleFilter.ofStory(clip(name)), STORY, name, model, response);
    }

    @GetMapping(path = "/stories", params = "name")
    String storyNamed(@RequestParam String name, Catalog catalog, Model model, HttpServletResponse response) {
        return story(name, catalog, model, response);
    }

    /** ESCU groups rules in analytic stories; Sentinel and Elastic tags share the filter but are tags. */
    private static final String STORY = "Analytic story";

    private static boolean onlySplunk(SearchResult result) {
        var platforms = result.facets().getOrDefault(io.rulescope.search.Facet.PLATFORM, List.of());
        return !platforms.isEmpty() && platforms.stream().allMatch(p -> p.value().equals("Splunk"));
    }

    private static String clip(String name) {
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** A source, data source or story: its counts per facet and its most recently changed rules. */
    private String summary(Catalog catalog, RuleFilter filter, String kind, String name, Model model, HttpServletResponse response) {
        String q = filter.query();
        SearchResult result = search.list(catalog.index(), filter, 1, RECENT, "date");
        if (result.total() == 0) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("kind", kind.equals(STORY) && !onlySplunk(result) ? "Tag" : kind);
        model.addAttribute("name", name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
        model.addAttribute("q", q);
        model.addAttribute("result", result);
        return "browse/summary";
    }

    /** Two searches side by side: techniques covered by both or one, and the closest rule pairs across them. */
    @GetMapping("/compare")
    String compare(@RequestParam(defaultValue = "source:escu") String a, @RequestParam(defaultValue = "source:sigma") String b,
            Catalog catalog, Model model, HttpServletResponse response) {
        model.addAttribute("a", a);
        model.addAttribute("b", b);
        try {
            List<RuleSummary> left = search.all(catalog.index(), a, "title", listing.compareMaxRules());
            List<RuleSummary> right = search.all(catalog.index(), b, "title", listing.compareMaxRules());
            Set<String> techA = techniques(left);
            Set<String> techB = techniques(right);
            Set<String> both = new TreeSet<>(techA);
            both.retainAll(techB);
            Set<String> onlyA = new TreeSet<>(techA);
            onlyA.removeAll(techB);
            Set<String> onlyB = new TreeSet<>(techB);
            onlyB.removeAll(techA);
            Map<String, RuleSummary> byUid = new HashMap<>();
            left.forEach(r -> byUid.put(r.uid(), r));
            right.forEach(r -> byUid.put(r.uid(), r));
            List<PairView> pairs = new ArrayList<>();
            for (IndicatorIndex.Pair p : catalog.indicators().closestPairs(uids(left), uids(right), 15)) {
                pairs.add(new PairView(byUid.get(p.left()), byUid.get(p.right()), p.shared()));
            }
            model.addAttribute("countA", left.size());
            model.addAttribute("countB", right.size());
            model.addAttribute("both", named(both));
            model.addAttribute("onlyA", named(onlyA));
            model.addAttribute("onlyB", named(onlyB));
            model.addAttribute("pairs", pairs);
        } catch (SearchSyntaxException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage() + " (position " + e.position() + ")");
        }
        return "browse/compare";
    }

    record PairView(RuleSummary left, RuleSummary right, List<String> shared) {
    }

    record NamedTechnique(String id, String name) {
    }

    private List<NamedTechnique> named(Set<String> ids) {
        return ids.stream().map(id -> new NamedTechnique(id, attack.technique(id).map(attack::displayName).orElse("unknown to ATT&CK"))).toList();
    }

    private static Set<String> techniques(List<RuleSummary> rules) {
        Set<String> out = new LinkedHashSet<>();
        rules.forEach(r -> out.addAll(r.techniques()));
        return out;
    }

    private static Set<String> uids(List<RuleSummary> rules) {
        Set<String> out = new java.util.HashSet<>();
        rules.forEach(r -> out.add(r.uid()));
        return out;
    }
}
