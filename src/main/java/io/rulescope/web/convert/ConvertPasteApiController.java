package io.rulescope.web.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.catalog.Catalog;
import io.rulescope.convert.Conversion;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;

/**
 * {@code POST /api/convert?target=splunk} with a Sigma rule's YAML as the body ({@code application/yaml} or
 * {@code text/plain}; several documents give one query each): the queries, the fields renamed, and what the target
 * cannot express. 422 when the target cannot express a rule, 400 when the body is no Sigma rule or the target unknown.
 */
@RestController
class ConvertPasteApiController {

    record Converted(String target, String pipeline, List<String> queries, List<Conversion.Mapping> mappings, List<String> unsupported,
            List<Rule> rules) {
    }

    /** One pasted rule's own answer, for a paste of several. */
    record Rule(String title, List<String> queries, List<String> unsupported) {
    }

    record Refused(String error, String target, List<String> unsupported) {
    }

    @PostMapping(path = "/api/convert", produces = "application/json")
    ResponseEntity<Object> convert(@RequestParam(defaultValue = "splunk") String target, @RequestBody(required = false) String yaml,
            Catalog catalog) {
        Target chosen = Targets.byId(target).orElse(null);
        if (chosen == null) {
            return ResponseEntity.badRequest().body(new Refused("no target called \"" + (target.length() > 60 ? target.substring(0, 60) : target)
                    + "\"; the targets are " + Targets.all().stream().map(Target::id).toList(), target, List.of()));
        }
        if (yaml != null && yaml.length() > PastedRules.MAX_BYTES) {
            return ResponseEntity.status(413).body(new Refused("the body is larger than " + PastedRules.MAX_BYTES / 1024 + " KiB", chosen.id(), List.of()));
        }
        PastedRules.Result result = PastedRules.convert(yaml, chosen, catalog.indicators().taxonomy());
        if (!result.readable()) {
            return ResponseEntity.badRequest().body(new Refused(result.problem(), chosen.id(), List.of()));
        }
        List<String> queries = new ArrayList<>();
        Map<String, Conversion.Mapping> mappings = new LinkedHashMap<>();
        Set<String> unsupported = new LinkedHashSet<>();
        List<Rule> rules = new ArrayList<>();
        boolean several = result.rules().size() > 1;
        for (PastedRules.Converted rule : result.rules()) {
            Conversion c = rule.conversion();
            queries.addAll(c.queries());
            c.mappings().forEach(m -> mappings.putIfAbsent(m.from() + "\u0000" + m.to(), m));
            c.unsupported().forEach(u -> unsupported.add(several ? rule.title() + ": " + u : u));
            rules.add(new Rule(rule.title(), c.queries(), c.unsupported()));
        }
        result.skipped().forEach(s -> unsupported.add("not converted: " + s));
        if (!unsupported.isEmpty()) {
            return ResponseEntity.unprocessableEntity().body(new Refused(chosen.name() + " cannot express " + (several ? "these rules" : "this rule")
                    + " as written", chosen.id(), List.copyOf(unsupported)));
        }
        return ResponseEntity.ok(new Converted(chosen.id(), chosen.pipeline(), queries, List.copyOf(mappings.values()), List.of(), rules));
    }
}
