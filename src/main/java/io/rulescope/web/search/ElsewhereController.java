package io.rulescope.web.search;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rulescope.catalog.Catalog;
import io.rulescope.error.RulescopeException;
import io.rulescope.web.PageProblems;

/** {@code /elsewhere?q=...&on=...}: which rules of a search have a counterpart on a chosen platform. */
@Controller
class ElsewhereController {

    private final ElsewhereSearch elsewhere;

    ElsewhereController(ElsewhereSearch elsewhere) {
        this.elsewhere = elsewhere;
    }

    @GetMapping("/elsewhere")
    String page(@RequestParam(required = false) String q, @RequestParam(required = false) String on, Catalog catalog, Model model,
            HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("on", on == null ? "" : on);
        model.addAttribute("platforms", elsewhere.platforms(catalog));
        if (on != null && !on.isBlank()) {
            try {
                model.addAttribute("answer", elsewhere.answer(q, on, catalog));
            } catch (RulescopeException e) {
                PageProblems.showInPlace(e, model, response);
            }
        }
        return "elsewhere";
    }
}
