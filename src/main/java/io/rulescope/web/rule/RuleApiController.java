package io.rulescope.web.rule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.catalog.Catalog;
import io.rulescope.rule.Rule;

@RestController
@RequestMapping(path = "/api/rules", produces = "application/json")
class RuleApiController {

    private final RuleViews views;

    RuleApiController(RuleViews views) {
        this.views = views;
    }

    @GetMapping("/{id}")
    ResponseEntity<Map<String, Object>> rule(@PathVariable String id, Catalog catalog) {
        return answer(catalog, id, null);
    }

    @GetMapping("/{id}/{uid}")
    ResponseEntity<Map<String, Object>> ruleByKey(@PathVariable String id, @PathVariable String uid, Catalog catalog) {
        return answer(catalog, id, uid);
    }

    private ResponseEntity<Map<String, Object>> answer(Catalog catalog, String id, String uid) {
        List<Rule> found = id.length() > 512 ? List.of() : catalog.rules().withId(id);
        List<Rule> chosen = uid == null ? found : found.stream().filter(r -> r.getUid().equals(uid)).toList();
        if (chosen.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean loading = !catalog.isReady();
            body.put("error", loading ? "the catalog is still loading; try again shortly" : "no rule with this id");
            body.put("id", id.length() > 200 ? id.substring(0, 200) : id);
            return ResponseEntity.status(loading ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.NOT_FOUND).body(body);
        }
        if (chosen.size() > 1) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "several rules share this id; pick one by its permalink");
            body.put("id", id);
            body.put("rules", chosen.stream().map(r -> Map.of("title", r.getTitle(), "source", r.getSourceName(),
                    "path", r.getSourcePath(), "permalink", views.permalink(r, found.size()))).toList());
            return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(body);
        }
        return ResponseEntity.ok(views.json(views.view(catalog, chosen.get(0), found.size())));
    }
}
