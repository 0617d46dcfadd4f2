package io.rulescope.web.attack;

import java.util.List;
import java.util.Map;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.AttackMatrix;
import io.rulescope.attack.Tactic;
import io.rulescope.attack.Technique;
import io.rulescope.catalog.Catalog;
import io.rulescope.search.Facet;
import io.rulescope.search.RuleFilter;
import io.rulescope.search.RulePage;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;
import io.rulescope.web.ListingProperties;
import io.rulescope.web.PageProblems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The ATT&CK views: the coverage matrix (optionally for a search), technique pages and tactic pages. */
@Controller
class AttackController {

    private final AttackCatalog attack;
    private final SearchService search;
    private final ListingProperties listing;
    private final Matrices matrices;

    AttackController(AttackCatalog attack, SearchService search, ListingProperties listing, Matrices matrices) {
        this.matrices = matrices;
        this.attack = attack;
        this.search = search;
        this.listing = listing;
    }

    @GetMapping("/attack")
    String matrix(@RequestParam(required = false) String q, Catalog catalog, Model model, HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        AttackMatrix matrix;
        try {
            matrix = matrices.of(catalog, q);
        } catch (SearchSyntaxException | io.rulescope.search.SearchBusyException e) {
            PageProblems.showInPlace(e, model, response);
            if (e.position() != null) {
                model.addAttribute("error", e.getMessage() + " (position " + e.position() + ")");
            }
            matrix = AttackMatrix.of(attack, AttackMatrix.Counts.NONE);
        }
        model.addAttribute("matrix", matrix);
        model.addAttribute("grid", MatrixHtml.render(matrix, attack.release()));
        model.addAttribute("release", attack.release());
        return "attack/matrix";
    }

    @GetMapping("/techniques/{id}")
    String technique(@PathVariable String id, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) String status, Catalog catalog, Model model,
            HttpServletResponse response) {
        String normalised = AttackCatalog.normaliseTechniqueId(id);
        Technique technique = normalised == null ? null : attack.technique(normalised).orElse(null);
        int safePage = Math.max(1, Math.min(page, 10_000));
        // A technique the loaded ATT&CK does not know still has a page while rules name it (written for a newer one).
        if (technique == null && normalised != null) {
            technique = new Technique(normalised, null, List.of(), false, false);
        }
        if (technique == null) {
            return unknown(id, model, response);
        }
        // The technique's search gives the page of rules and the platform and status counts; with a status chosen, the
        // counts still come from all its rules.
        RuleFilter all = RuleFilter.ofTechnique(technique.id());
        RuleFilter shownFilter = all.withStatus(status);
        SearchResult listed = search.list(catalog.index(), shownFilter, safePage, listing.techniquePageSize(), "title");
        SearchResult counted = shownFilter.equals(all) ? listed : search.list(catalog.index(), all, 1, 1, "title");
        if (technique.name() == null && counted.total() == 0) {
            return unknown(id, model, response);
        }
        model.addAttribute("technique", technique);
        model.addAttribute("known", technique.name() != null);
        model.addAttribute("release", attack.release());
        model.addAttribute("name", technique.name() == null ? "not in the loaded ATT&CK (" + attack.release() + ")" : attack.displayName(technique));
        Technique shown = technique;
        model.addAttribute("tactics", technique.tactics().stream().map(attack::tactic).flatMap(java.util.Optional::stream).toList());
        model.addAttribute("parent", technique.isSubTechnique() ? attack.technique(technique.parentId()).orElse(null) : null);
        List<Technique> subs = attack.techniques().stream().filter(t -> t.isSubTechnique() && t.parentId().equals(shown.id())).toList();
        model.addAttribute("subTechniques", subs);
        // Rules per sub-technique, so the page says where the parent's coverage really sits.
        java.util.Map<String, Long> techniqueCounts = search.allFacetValues(catalog.index(), all, Facet.TECHNIQUE).stream()
                .collect(java.util.stream.Collectors.toMap(SearchResult.FacetCount::value, SearchResult.FacetCount::count, Long::sum));
        java.util.Map<String, Long> subCounts = new java.util.HashMap<>();
        subs.forEach(sub -> subCounts.put(sub.id(), techniqueCounts.getOrDefault(sub.id(), 0L)));
        model.addAttribute("subCounts", subCounts);
        // Rules per platform: with four vendors' rules, whose coverage this is matters as much as how much.
        model.addAttribute("platforms", facet(counted, Facet.PLATFORM));
        // Rules per status, so deprecated and experimental rules can be told apart and filtered.
        model.addAttribute("statuses", facet(counted, Facet.STATUS));
        model.addAttribute("status", RuleFilter.blank(status) ? null : status.strip());
        model.addAttribute("total", counted.total());
        model.addAttribute("rules", RulePage.of(listed));
        return "attack/technique";
    }

    private long ruleCount(Catalog catalog, Tactic tactic) {
        return search.list(catalog.index(), RuleFilter.ofTactic(tactic.shortName()), 1, 1, "title").total();
    }

    private static List<SearchResult.FacetCount> facet(SearchResult result, Facet facet) {
        return result.facets().getOrDefault(facet, List.of());
    }

    private String unknown(String id, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("missing", id.length() > 40 ? id.substring(0, 40) + "…" : id);
        model.addAttribute("release", attack.release());
        return "attack/unknown";
    }

    @GetMapping("/tactics/{id}")
    String tactic(@PathVariable String id, Catalog catalog, Model model, HttpServletResponse response) {
        Tactic tactic = attack.tactic(id.length() > 60 ? "" : id).orElse(null);
        if (tactic == null && AttackCatalog.looksLikeTactic(id)) {
            // A tactic the loaded ATT&CK lacks has a page while rules name it.
            Tactic declared = attack.declaredTactic(id);
            if (ruleCount(catalog, declared) > 0) {
                tactic = declared;
            }
        }
        if (tactic == null) {
            return unknown(id, model, response);
        }
        AttackMatrix matrix = AttackMatrix.of(attack, search.matrixCounts(catalog.index(), null));
        String shortName = tactic.shortName();
        List<AttackMatrix.Cell> cells = matrix.columns().stream().filter(c -> c.tactic().shortName().equals(shortName)).findFirst()
                .map(AttackMatrix.Column::cells).orElse(List.of());
        model.addAttribute("tactic", tactic);
        model.addAttribute("release", attack.release());
        model.addAttribute("cells", cells);
        model.addAttribute("ruleCount", ruleCount(catalog, tactic));
        return "attack/tactic";
    }

}
