package io.rulescope.web.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rulescope.catalog.Catalog;
import io.rulescope.history.RuleHistories;
import io.rulescope.web.ApiProblems;
import io.rulescope.web.ListingProperties;
import io.rulescope.web.rule.HistoryViews;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/changes}: what was added, modified and removed since a date, per source.
 */
@RestController
class ChangesApiController {

    private final RuleHistories histories;
    private final ListingProperties listing;

    ChangesApiController(RuleHistories histories, ListingProperties listing) {
        this.histories = histories;
        this.listing = listing;
    }

    @GetMapping(path = "/api/changes", produces = "application/json")
    ResponseEntity<Object> api(@RequestParam(required = false) String since, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) Integer size, Catalog catalog) {
        ChangesController.Period period = ChangesController.period(histories, listing, catalog, since, page, size);
        if (period.error() != null) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(ApiProblems.problem(HttpStatus.BAD_REQUEST, period.error()));
        }
        Map<String, List<ChangeJson>> sources = new LinkedHashMap<>();
        period.bySource().forEach((source, entries) -> sources.put(source, entries.stream().map(e -> new ChangeJson(e.ruleId(), e.title(),
                e.kind(), e.latest().date().toString(), e.latest().commit(), e.latest().path(), e.versions(),
                HistoryViews.ChangesJson.of(e.net()), e.permalink())).toList()));
        return ResponseEntity.ok(new ChangesAnswer(period.since().toString(), period.reading(), period.added(), period.modified(),
                period.removed(), period.imports().stream().map(i -> new ImportJson(i.source(), i.rules(), i.date().toString(), i.commit())).toList(),
                period.listed(), period.page(), period.pages(), period.size(), sources));
    }

    /** {@code /api/changes}: what was added, modified and removed since a date, per source. */
    record ChangesAnswer(String since, boolean historyBeingRead, long added, long modified, long removed, List<ImportJson> imported,
            int listed, int page, int pages, int size, Map<String, List<ChangeJson>> sources) {
    }

    /** A source's first import: how many rules its first commit read brought, not listed one by one. */
    record ImportJson(String source, int rules, String date, String commit) {
    }

    /** @param change {@code added}, {@code modified} or {@code removed}; {@code changes} nets every version since */
    record ChangeJson(String id, String title, String change, String date, String commit, String path, int versions,
            HistoryViews.ChangesJson changes, String permalink) {
    }
}
