package io.rulescope.web.collection;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.rulescope.account.SignInRedirect;
import io.rulescope.catalog.Catalog;
import io.rulescope.collection.CollectionProblem;
import io.rulescope.collection.Collections;
import io.rulescope.collection.RuleCollection;
import io.rulescope.collection.imports.ImportProblem;
import io.rulescope.collection.imports.RuleImports;
import io.rulescope.rule.Rule;
import io.rulescope.search.SearchService;
import io.rulescope.web.ListingProperties;
import io.rulescope.search.SearchSyntaxException;

/**
 * The collections pages: the list, one collection with what changed upstream first, and the forms that change them
 * (editors only, enforced by the security configuration). Every change redirects back with what it did.
 */
@Controller
class CollectionsController {

    private final Collections collections;
    private final CollectionViews views;
    private final SearchService search;
    private final ListingProperties listing;

    CollectionsController(Collections collections, CollectionViews views, SearchService search, ListingProperties listing) {
        this.collections = collections;
        this.views = views;
        this.search = search;
        this.listing = listing;
    }

    @GetMapping("/collections")
    String list(Catalog catalog, Model model) {
        model.addAttribute("collections", collections.list(catalog::shows));
        return "collections/list";
    }

    @PostMapping("/collections")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
            Authentication user, RedirectAttributes redirect) {
        try {
            RuleCollection made = collections.create(name, description, user.getName());
            return "redirect:/collections/" + made.getId();
        } catch (CollectionProblem e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("name", name);
            redirect.addFlashAttribute("description", description);
            return "redirect:/collections";
        }
    }

    @GetMapping("/collections/{id}")
    String page(@PathVariable long id, @RequestParam(defaultValue = "1") int page, Catalog catalog, Model model,
            HttpServletResponse response) {
        RuleCollection collection = collections.find(id).orElse(null);
        if (collection == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("collections", collections.list(catalog::shows));
            model.addAttribute("problem", "There is no collection " + id + "; it may have been deleted.");
            return "collections/list";
        }
        CollectionViews.CollectionView view = views.view(catalog, collection);
        // The members table a page at a time: a collection may hold ten thousand rules. What changed leads, whole.
        int size = Math.max(1, listing.collectionPageSize());
        int pages = Math.max(1, (view.members().size() + size - 1) / size);
        int shown = Math.max(1, Math.min(page, pages));
        model.addAttribute("c", view);
        model.addAttribute("membersShown", view.members().subList((shown - 1) * size, Math.min(view.members().size(), shown * size)));
        model.addAttribute("memberPage", shown);
        model.addAttribute("memberPages", pages);
        return "collections/collection";
    }

    /**
     * Adds rules named by pasted ids or permalinks ({@code ids}), every rule a search finds ({@code q}), or one rule
     * from its page ({@code next} brings the browser back there).
     */
    @PostMapping("/collections/{id}/members")
    String add(@PathVariable long id, @RequestParam(required = false) String ids, @RequestParam(required = false) String q,
            @RequestParam(required = false) String next, Catalog catalog, Authentication user, RedirectAttributes redirect) {
        RuleLookup.Found found;
        if (q != null && !q.isBlank()) {
            try {
                found = RuleLookup.search(search, catalog, q);
            } catch (SearchSyntaxException e) {
                redirect.addFlashAttribute("problem", "The search could not be read: " + e.getMessage());
                return "redirect:" + (next == null ? "/collections/" + id : SignInRedirect.safe(next));
            }
        } else {
            found = RuleLookup.find(catalog, RuleLookup.items(ids));
        }
        try {
            Collections.Added added = collections.add(id, found.rules(), user.getName());
            redirect.addFlashAttribute("added", added.added().size());
            redirect.addFlashAttribute("present", added.present().size());
            redirect.addFlashAttribute("unmatched", found.unmatched());
            redirect.addFlashAttribute("changedCollection", collections.find(id).map(RuleCollection::getName).orElse(""));
        } catch (CollectionProblem e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + (next == null ? "/collections/" + id : SignInRedirect.safe(next));
    }

    /** From a rule page or a search: the collection is chosen in the form, and the browser goes back where it was. */
    @PostMapping("/collections/add")
    String addFromPage(@RequestParam long collection, @RequestParam(required = false) String ids, @RequestParam(required = false) String q,
            @RequestParam(required = false) String next, Catalog catalog, Authentication user, RedirectAttributes redirect) {
        redirect.addFlashAttribute("changedCollectionId", collection);
        return add(collection, ids, q, next == null ? "/collections/" + collection : next, catalog, user, redirect);
    }

    /**
     * A file the team has (uploaded, or pasted): its rules are added, with a report of what matched none. A Navigator
     * layer's techniques become a search, shown for the user to confirm before anything is added.
     */
    @PostMapping("/collections/{id}/import")
    String importFile(@PathVariable long id, @RequestParam(defaultValue = "") String format,
            @RequestParam(required = false) org.springframework.web.multipart.MultipartFile file, @RequestParam(required = false) String text,
            Catalog catalog, Authentication user, Model model, RedirectAttributes redirect) throws java.io.IOException {
        RuleCollection collection = collections.find(id).orElse(null);
        if (collection == null) {
            redirect.addFlashAttribute("problem", "There is no collection " + id + ".");
            return "redirect:/collections";
        }
        byte[] body = file != null && !file.isEmpty() ? file.getBytes()
                : text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            RuleImports.Report report = Imports.read(format, body, catalog);
            if (report.search() != null) {
                model.addAttribute("collection", collection);
                model.addAttribute("report", report);
                model.addAttribute("total", report.search().isEmpty() ? 0
                        : search.all(catalog.index(), report.search(), "title", Collections.MAX_MEMBERS).size());
                return "collections/confirm-search";
            }
            Collections.Added added = collections.add(id, report.matched(), user.getName());
            redirect.addFlashAttribute("added", added.added().size());
            redirect.addFlashAttribute("present", added.present().size());
            redirect.addFlashAttribute("unmatched", report.unmatched());
            redirect.addFlashAttribute("imported", report.items() + " item(s) of the " + report.format().label() + " read; "
                    + report.matched().size() + " rule(s) matched.");
        } catch (ImportProblem | CollectionProblem e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/collections/" + id;
    }

    @PostMapping("/collections/{id}/remove")
    String remove(@PathVariable long id, @RequestParam String rule, Catalog catalog, Authentication user, RedirectAttributes redirect) {
        return changed(id, redirect, () -> redirect.addFlashAttribute("done",
                collections.remove(id, rule, user.getName(), catalog::shows) ? "Removed " + rule + " from the collection." : rule + " was not in it."));
    }

    /** Marks a member reviewed: its pin moves to the version the catalog has now. */
    @PostMapping("/collections/{id}/review")
    String review(@PathVariable long id, @RequestParam String rule, Catalog catalog, Authentication user, RedirectAttributes redirect) {
        return changed(id, redirect, () -> {
            int moved = 0;
            for (Rule current : catalog.rules().withId(rule)) {
                moved += collections.review(id, current, user.getName()).isPresent() ? 1 : 0;
            }
            redirect.addFlashAttribute("done", moved > 0 ? "Marked " + rule + " as reviewed: its pin is now the current version."
                    : rule + " is not in the catalog now, so there is no version to pin.");
        });
    }

    /** Every changed member reviewed at once. */
    @PostMapping("/collections/{id}/review-all")
    String reviewAll(@PathVariable long id, Catalog catalog, Authentication user, RedirectAttributes redirect) {
        return changed(id, redirect, () -> {
            RuleCollection collection = collections.find(id).orElseThrow();
            List<CollectionViews.MemberView> changed = views.view(catalog, collection).changed();
            changed.forEach(m -> collections.review(id, m.current(), user.getName()));
            redirect.addFlashAttribute("done", "Marked " + changed.size() + " changed rule(s) as reviewed.");
        });
    }

    @PostMapping("/collections/{id}/edit")
    String edit(@PathVariable long id, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
            Authentication user, RedirectAttributes redirect) {
        return changed(id, redirect, () -> {
            collections.update(id, name, description, user.getName());
            redirect.addFlashAttribute("done", "Saved.");
        });
    }

    @PostMapping("/collections/{id}/delete")
    String delete(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        try {
            String name = collections.find(id).map(RuleCollection::getName).orElse(String.valueOf(id));
            collections.delete(id, user.getName());
            redirect.addFlashAttribute("done", "Deleted the collection '" + name + "'.");
        } catch (CollectionProblem e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/collections";
    }

    private String changed(long id, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
        } catch (CollectionProblem e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/collections/" + id;
    }
}
