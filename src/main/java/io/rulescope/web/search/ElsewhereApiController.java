package io.rulescope.web.search;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.catalog.Catalog;

/** {@code /api/elsewhere?q=...&on=...}: the rules of a search with and without a counterpart on a platform, as JSON. */
@RestController
class ElsewhereApiController {

    private final ElsewhereSearch elsewhere;

    ElsewhereApiController(ElsewhereSearch elsewhere) {
        this.elsewhere = elsewhere;
    }

    @GetMapping(path = "/api/elsewhere", produces = MediaType.APPLICATION_JSON_VALUE)
    ElsewhereSearch.ElsewhereAnswer api(@RequestParam(required = false) String q, @RequestParam String on, Catalog catalog) {
        return elsewhere.answer(q, on, catalog);
    }
}
