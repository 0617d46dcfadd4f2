package io.rulescope.web.collection;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.catalog.Catalog;
import io.rulescope.collection.CollectionEvent;
import io.rulescope.collection.CollectionMember;
import io.rulescope.collection.CollectionProblem;
import io.rulescope.collection.Collections;
import io.rulescope.collection.RuleCollection;
import io.rulescope.collection.imports.ImportProblem;
import io.rulescope.collection.imports.RuleImports;
import io.rulescope.history.RuleVersion;
import io.rulescope.rule.Rule;
import io.rulescope.search.SearchService;
import io.rulescope.web.ApiProblems;

/** Collections for CI pipelines and scripts: {@code /api/collections}. Changes need an editor (401 without sign-in, 403 for a viewer). */
@RestController
@RequestMapping(path = "/api/collections", produces = "application/json")
class CollectionsApiController {

    private final Collections collections;
    private final CollectionViews views;
    private final SearchService search;

    CollectionsApiController(Collections collections, CollectionViews views, SearchService search) {
        this.collections = collections;
        this.views = views;
        this.search = search;
    }

    record NewCollection(String name, String description) {
    }

    record CollectionJson(long id, String name, String description) {
        static CollectionJson of(RuleCollection c) {
            return new CollectionJson(c.getId(), c.getName(), c.getDescription());
        }
    }

    record ListedJson(long id, String name, String description, long size, String href) {
    }

    /** Rules to add: ids or permalinks, and/or every rule a search finds. */
    record Ids(List<String> ids, String q) {
    }

    record MemberJson(String id, String source, String title, String pinned, String current, boolean changed, boolean removed,
            String permalink) {
        static MemberJson of(CollectionViews.MemberView m) {
            return new MemberJson(m.member().getRuleId(), m.member().getSource(), m.title(), m.pinned(), m.currentVersion(), m.changed(),
                    m.removed(), m.permalink());
        }
    }

    record ChangedJson(String id, String source, String title, String pinned, String current, String pinnedBy, String pinnedAt,
            RuleVersion.Changes changes, String diff) {
        static ChangedJson of(CollectionViews.MemberView m) {
            return new ChangedJson(m.member().getRuleId(), m.member().getSource(), m.title(), m.pinned(), m.currentVersion(),
                    m.member().getPinnedBy(), m.member().getPinnedAt().toString(), m.changes(), m.diffLink());
        }
    }

    record LogJson(String who, String when, String what) {
        static LogJson of(CollectionEvent e) {
            return new LogJson(e.getActor(), e.getHappenedAt().toString(), e.getSummary());
        }
    }

    record DetailJson(long id, String name, String description, List<MemberJson> members, List<ChangedJson> changedUpstream,
            List<LogJson> log) {
    }

    @GetMapping
    List<ListedJson> list(Catalog catalog) {
        return collections.list(catalog::shows).stream().map(c -> new ListedJson(c.id(), c.name(), c.description(), c.size(), "/api/collections/" + c.id()))
                .toList();
    }

    @PostMapping
    ResponseEntity<CollectionJson> create(@RequestBody NewCollection body, Authentication user) {
        RuleCollection made = collections.create(body.name(), body.description(), user.getName());
        return ResponseEntity.created(URI.create("/api/collections/" + made.getId())).body(CollectionJson.of(made));
    }

    @GetMapping("/{id}")
    DetailJson detail(@PathVariable long id, Catalog catalog) {
        RuleCollection collection = existing(id);
        CollectionViews.CollectionView view = views.view(catalog, collection);
        return new DetailJson(collection.getId(), collection.getName(), collection.getDescription(),
                view.members().stream().map(MemberJson::of).toList(), view.changed().stream().map(ChangedJson::of).toList(),
                view.log().stream().map(LogJson::of).toList());
    }

    /** {@code {ids: [...]}}: rule ids or permalinks; {@code added} names each rule added, {@code unmatched} what matched none. */
    @PostMapping("/{id}/members")
    Map<String, Object> add(@PathVariable long id, @RequestBody Ids body, Catalog catalog, Authentication user) {
        RuleLookup.Found found = RuleLookup.find(catalog, body.ids() == null ? List.of() : body.ids());
        if (body.q() != null && !body.q().isBlank()) {
            found = found.and(RuleLookup.search(search, catalog, body.q()));
        }
        Collections.Added added = collections.add(id, found.rules(), user.getName());
        return Map.of("added", added.added().stream().map(CollectionMember::getRuleId).toList(),
                "present", added.present().stream().map(CollectionMember::getRuleId).toList(), "unmatched", found.unmatched());
    }

    /**
     * A file the team already has, as the request body: the rules it names are added, and what names none is
     * reported with why. A Navigator layer adds nothing: its techniques come back as a search to confirm
     * ({@code POST members} with {@code q}).
     */
    @PostMapping(path = "/{id}/import", consumes = "*/*")
    Map<String, Object> importFile(@PathVariable long id, @RequestParam String format, jakarta.servlet.http.HttpServletRequest request,
            Catalog catalog, Authentication user) throws java.io.IOException {
        existing(id);
        RuleImports.Report report = Imports.read(format, request.getInputStream().readNBytes(RuleImports.MAX_BYTES + 1), catalog);
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("format", report.format().id());
        answer.put("items", report.items());
        if (report.search() != null) {
            answer.put("techniques", report.techniques());
            answer.put("search", report.search());
            answer.put("total", report.search().isEmpty() ? 0 : search.all(catalog.index(), report.search(), "title", Collections.MAX_MEMBERS).size());
            answer.put("matched", List.of());
        } else {
            Collections.Added added = collections.add(id, report.matched(), user.getName());
            answer.put("matched", report.matched().stream().map(Rule::getRuleId).distinct().toList());
            answer.put("added", added.added().size());
            answer.put("present", added.present().size());
        }
        answer.put("unmatched", report.unmatched());
        return answer;
    }

    @ExceptionHandler(ImportProblem.class)
    ResponseEntity<Object> unreadable(ImportProblem e) {
        return ResponseEntity.unprocessableEntity().body(ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
    }

    @DeleteMapping("/{id}/members/{ruleId}")
    ResponseEntity<Object> remove(@PathVariable long id, @PathVariable String ruleId, Catalog catalog, Authentication user) {
        if (!collections.remove(id, ruleId, user.getName(), catalog::shows)) {
            throw new CollectionProblem(CollectionProblem.Kind.NOT_FOUND, ruleId + " is not in collection " + id + ".");
        }
        return ResponseEntity.ok(Map.of("removed", ruleId));
    }

    /** Moves the member's pin to the version the catalog has now. */
    @PostMapping("/{id}/members/{ruleId}/review")
    ResponseEntity<Object> review(@PathVariable long id, @PathVariable String ruleId, Catalog catalog, Authentication user) {
        existing(id);
        List<Rule> current = catalog.rules().withId(ruleId);
        if (current.isEmpty()) {
            throw new CollectionProblem(CollectionProblem.Kind.CONFLICT, ruleId + " is not in the catalog now: there is no version to pin.");
        }
        List<String> pins = current.stream().flatMap(rule -> collections.review(id, rule, user.getName()).stream())
                .map(m -> m.getPinnedCommit() != null ? m.getPinnedCommit() : "sha256:" + m.getPinnedHash()).toList();
        if (pins.isEmpty()) {
            throw new CollectionProblem(CollectionProblem.Kind.NOT_FOUND, ruleId + " is not in collection " + id + ".");
        }
        return ResponseEntity.ok(Map.of("id", ruleId, "pinned", pins.get(0)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Object> delete(@PathVariable long id, Authentication user) {
        existing(id);
        collections.delete(id, user.getName());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(CollectionProblem.class)
    ResponseEntity<Object> problem(CollectionProblem e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return ResponseEntity.status(status).body(ApiProblems.problem(status, e.getMessage()));
    }

    private RuleCollection existing(long id) {
        return collections.find(id).orElseThrow(() -> new CollectionProblem(CollectionProblem.Kind.NOT_FOUND, "There is no collection " + id + "."));
    }
}
