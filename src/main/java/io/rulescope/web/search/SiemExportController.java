package io.rulescope.web.search;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.convert.ExportFormat;
import io.rulescope.convert.RuleExport;
import io.rulescope.convert.SiemFiles;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;
import io.rulescope.error.RulescopeException;
import io.rulescope.rule.Rule;
import io.rulescope.search.SearchService;
import io.rulescope.web.ListingProperties;
import io.rulescope.web.PageProblems;

/**
 * A search's Sigma rules as the file a SIEM imports: {@code /search/export?q=&target=} says to a browser what converts
 * and what does not (each with why) and offers the files, and gives a script the file;
 * {@code /search/export/file?q=&target=&format=} is always the file.
 */
@Controller
class SiemExportController {

    private final SearchService search;
    private final AttackCatalog attack;
    private final ListingProperties listing;

    SiemExportController(SearchService search, AttackCatalog attack, ListingProperties listing) {
        this.search = search;
        this.attack = attack;
        this.listing = listing;
    }

    /**
     * The page for a browser; the file itself for a script (one that does not ask for HTML) or for anyone naming a
     * {@code format}, so {@code curl '/search/export?q=T1003&target=splunk'} saves the file.
     */
    @GetMapping("/search/export")
    Object page(@RequestParam(required = false) String q, @RequestParam(required = false) String target,
            @RequestParam(required = false) String format, @org.springframework.web.bind.annotation.RequestHeader(
                    name = "Accept", required = false) String accept, Catalog catalog, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        // One address, a page or a file by what the client asks for: caches on the way must know.
        response.addHeader("Vary", "Accept");
        if (format != null && !format.isBlank() || accept == null || !accept.contains("text/html")) {
            return file(q, target, format, catalog, request);
        }
        Target chosen = Targets.byId(target).orElse(null);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("targets", Targets.all());
        model.addAttribute("target", chosen);
        if (target != null && !target.isBlank() && chosen == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("targetError", "There is no target called \"" + abbreviate(target) + "\".");
        }
        if (chosen != null) {
            try {
                RuleExport export = export(q, chosen, catalog);
                model.addAttribute("export", export);
                model.addAttribute("formats", ExportFormat.forTarget(chosen));
            } catch (RulescopeException e) {
                PageProblems.showInPlace(e, model, response);
            }
        }
        return "search-export";
    }

    @GetMapping("/search/export/file")
    @org.springframework.web.bind.annotation.ResponseBody
    ResponseEntity<String> file(@RequestParam(required = false) String q, @RequestParam(required = false) String target,
            @RequestParam(required = false) String format, Catalog catalog, HttpServletRequest request) {
        Target chosen = Targets.byId(target).orElse(null);
        if (chosen == null) {
            return problem("no target called \"" + abbreviate(String.valueOf(target)) + "\"; the targets are "
                    + Targets.all().stream().map(Target::id).toList());
        }
        List<ExportFormat> formats = ExportFormat.forTarget(chosen);
        ExportFormat file = format == null || format.isBlank() ? formats.get(0) : ExportFormat.byId(format).orElse(null);
        if (file == null || !formats.contains(file)) {
            return problem(chosen.name() + " queries go in " + formats.stream().map(ExportFormat::id).toList() + ", not \""
                    + abbreviate(String.valueOf(format)) + "\"");
        }
        RuleExport export = export(q, chosen, catalog);
        String report = ServletUriComponentsBuilder.fromContextPath(request).path("/search/export").queryParam("q", q == null ? "" : q)
                .queryParam("target", chosen.id()).encode().build().toUriString();
        String about = "Exported by Rulescope: " + export.converted().size() + " Sigma rules for " + chosen.name() + " (" + chosen.pipeline()
                + ")\nfrom the search: " + (q == null || q.isBlank() ? "(every rule)" : q.replaceAll("\\s+", " "))
                + (export.refused().isEmpty() ? "" : "\n" + export.refused().size() + " rules could not be converted; why: " + report);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType() + ";charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"")
                .header("X-Rulescope-Converted", String.valueOf(export.converted().size()))
                .header("X-Rulescope-Not-Converted", String.valueOf(export.refused().size()))
                .body(SiemFiles.write(file, export, attack, about));
    }

    private RuleExport export(String q, Target target, Catalog catalog) {
        List<Rule> rules = search.all(catalog.index(), q, "title", listing.exportMaxRules()).stream().map(r -> catalog.rules().byUid(r.uid()))
                .filter(java.util.Objects::nonNull).toList();
        return RuleExport.of(rules, catalog.indicators()::analysisOf, target);
    }

    private static ResponseEntity<String> problem(String message) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(message + "\n");
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
