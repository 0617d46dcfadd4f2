package io.rulescope.web.rule;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.catalog.Catalog;
import io.rulescope.convert.Conversion;
import io.rulescope.convert.LogSource;
import io.rulescope.convert.SigmaConverter;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;
import io.rulescope.rule.Rule;

/**
 * A Sigma rule taken to a SIEM: {@code GET /api/rules/{id}/convert?target=splunk}, and the targets there are,
 * {@code GET /api/convert/targets}.
 */
@RestController
class ConvertApiController {

    /** A conversion that cannot be used, or could not be made: why, with what the target could not express. */
    record Refused(String error, String target, String pipeline, List<String> unsupported, List<String> queries, List<Conversion.Mapping> mappings) {
    }

    record Missing(String error, String id) {
    }

    @GetMapping(path = "/api/convert/targets", produces = "application/json")
    List<Target> targets() {
        return Targets.all();
    }

    @GetMapping(path = "/api/rules/{id}/convert", produces = "application/json")
    ResponseEntity<Object> convert(@PathVariable String id, @RequestParam(defaultValue = "splunk") String target, Catalog catalog) {
        Target chosen = Targets.byId(target).orElse(null);
        if (chosen == null) {
            return ResponseEntity.badRequest().body(new Refused("no target called \"" + (target.length() > 60 ? target.substring(0, 60) : target)
                    + "\"; the targets are " + Targets.all().stream().map(Target::id).toList(), target, null, List.of(), List.of(), List.of()));
        }
        List<Rule> found = id.length() > 512 ? List.of() : catalog.rules().withId(id);
        if (found.isEmpty()) {
            return ResponseEntity.status(catalog.isReady() ? HttpStatus.NOT_FOUND : HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Missing(catalog.isReady() ? "no rule with this id" : "the catalog is still loading; try again shortly",
                            id.length() > 200 ? id.substring(0, 200) : id));
        }
        Rule rule = found.get(0);
        if (!"Sigma".equals(rule.getPlatform())) {
            return ResponseEntity.unprocessableEntity().body(new Refused("only Sigma rules convert; this is a " + rule.getPlatform() + " rule",
                    chosen.id(), chosen.pipeline(), List.of(), List.of(), List.of()));
        }
        Conversion conversion = SigmaConverter.convert(catalog.indicators().analysisOf(rule), LogSource.of(rule), chosen);
        if (!conversion.isComplete()) {
            return ResponseEntity.unprocessableEntity().body(new Refused(chosen.name() + " cannot express this rule as written",
                    chosen.id(), chosen.pipeline(), conversion.unsupported(), conversion.queries(), conversion.mappings()));
        }
        return ResponseEntity.ok(conversion);
    }
}
