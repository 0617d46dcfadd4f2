package io.rulescope.web.rule;

import java.util.List;

import io.rulescope.catalog.Catalog;
import io.rulescope.rule.Rule;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/rules", produces = "application/json")
class RuleApiController {

    private final RuleViews views;

    RuleApiController(RuleViews views) {
        this.views = views;
    }

    @GetMapping("/{id}")
    ResponseEntity<Object> rule(@PathVariable String id, Catalog catalog) {
        return answer(catalog, id, null);
    }

    @GetMapping("/{id}/{uid}")
    ResponseEntity<Object> ruleByKey(@PathVariable String id, @PathVariable String uid, Catalog catalog) {
        return answer(catalog, id, uid);
    }

    /** Why there is no single rule to answer with. */
    record Missing(String error, String id) {
    }

    /** Several rules share the id: each with the permalink that names it alone. */
    record SharedId(String error, String id, List<Choice> rules) {
        record Choice(String title, String source, String path, String permalink) {
        }
    }

    private ResponseEntity<Object> answer(Catalog catalog, String id, String uid) {
        List<Rule> found = id.length() > 512 ? List.of() : catalog.rules().withId(id);
        List<Rule> chosen = uid == null ? found : found.stream().filter(r -> r.getUid().equals(uid)).toList();
        if (chosen.isEmpty()) {
            boolean loading = !catalog.isReady();
            return ResponseEntity.status(loading ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.NOT_FOUND)
                    .body(new Missing(loading ? "the catalog is still loading; try again shortly" : "no rule with this id",
                            id.length() > 200 ? id.substring(0, 200) : id));
        }
        if (chosen.size() > 1) {
            return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(new SharedId("several rules share this id; pick one by its permalink",
                    id, chosen.stream().map(r -> new SharedId.Choice(r.getTitle(), r.getSourceName(), r.getSourcePath(),
                            views.permalink(r, found.size()))).toList()));
        }
        return ResponseEntity.ok(RuleAnswer.of(views.view(catalog, chosen.get(0), found.size())));
    }
}
