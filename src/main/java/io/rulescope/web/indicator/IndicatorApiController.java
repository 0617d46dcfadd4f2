package io.rulescope.web.indicator;

import java.util.List;

import io.rulescope.catalog.Catalog;
import io.rulescope.web.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/indicators}: the rules that test one indicator, for tools.
 */
@RestController
class IndicatorApiController {


    @GetMapping(path = "/api/indicators", produces = "application/json")
    ResponseEntity<Object> api(@RequestParam(required = false) String field, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String value, @RequestParam(required = false) String polarity,
            @RequestParam(defaultValue = "false") boolean cased, Catalog catalog) {
        IndicatorController.Lookup lookup = IndicatorController.lookup(catalog, field, kind, value, polarity, cased);
        if (lookup.error() != null) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(ApiProblems.problem(HttpStatus.BAD_REQUEST, lookup.error()));
        }
        return ResponseEntity.ok(new IndicatorAnswer(lookup.field(), lookup.canonicalField(), lookup.kind().label(), lookup.value(),
                lookup.polarity().label(), lookup.rules().size(), lookup.rules().stream()
                        .map(r -> new RuleRef(r.getRuleId(), r.getTitle(), r.getPlatform(), r.getPermalink())).toList()));
    }

    /** {@code /api/indicators}: the rules that have one indicator (folded field, match kind, value, polarity). */
    record IndicatorAnswer(String field, String canonicalField, String kind, String value, String polarity, int total,
            List<RuleRef> rules) {
    }

    record RuleRef(String id, String title, String platform, String permalink) {
    }
}
