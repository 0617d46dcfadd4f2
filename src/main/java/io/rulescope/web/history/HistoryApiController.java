package io.rulescope.web.history;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rulescope.catalog.Catalog;
import io.rulescope.web.rule.HistoryViews;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/rules/{id}/history}: every version of a rule, newest first, with what each changed.
 */
@RestController
class HistoryApiController {

    private final HistoryViews history;

    HistoryApiController(HistoryViews history) {
        this.history = history;
    }

    @GetMapping(path = "/api/rules/{id}/history", produces = "application/json")
    ResponseEntity<HistoryAnswer> api(@PathVariable String id, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) Integer size, Catalog catalog) {
        Optional<HistoryViews.Located> located = id.length() > HistoryController.MAX_ID ? Optional.empty()
                : history.locate(catalog, id, page, size);
        String shownId = id.length() > 200 ? id.substring(0, 200) : id;
        if (located.isEmpty()) {
            return ResponseEntity.status(catalog.isReady() ? HttpStatus.NOT_FOUND : HttpStatus.SERVICE_UNAVAILABLE).body(new HistoryAnswer(
                    shownId, catalog.isReady() ? "no rule with this id" : "the catalog is still loading; try again shortly", null, null, null, null, null, null));
        }
        HistoryViews.Located h = located.get();
        return ResponseEntity.ok(new HistoryAnswer(shownId, null, h.source(), h.state().name().toLowerCase(java.util.Locale.ROOT),
                h.total(), h.page().getNumber() + 1, Math.max(1, h.page().getTotalPages()),
                h.versions().stream().map(HistoryViews.VersionJson::of).toList()));
    }

    /**
     * {@code /api/rules/{id}/history}: a page of a rule's versions, newest first, with what each changed.
     *
     * @param total how many versions the rule has, over {@code pages} pages
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HistoryAnswer(String id, String error, String source, String state, Long total, Integer page, Integer pages,
            List<HistoryViews.VersionJson> versions) {
    }
}
