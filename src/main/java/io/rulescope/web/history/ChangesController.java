package io.rulescope.web.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import io.rulescope.catalog.Catalog;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleVersion;
import io.rulescope.rule.Rule;
import io.rulescope.web.rule.HistoryViews;

/** {@code /changes?since=}: what each source added, changed and removed since a day, from its git history. */
@Controller
class ChangesController {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_LISTED = 2_000;

    private final RuleHistories histories;

    ChangesController(RuleHistories histories) {
        this.histories = histories;
    }

    /**
     * One rule's change in the period, with the net effect of all its versions in it.
     *
     * @param permalink the rule page, or its history page for a removed rule
     */
    record Entry(String source, String ruleId, String title, String kind, RuleVersion latest, int versions,
            RuleVersion.Changes net, String permalink) {
    }

    record Period(LocalDate since, Map<String, List<Entry>> bySource, int added, int modified, int removed, boolean reading,
            String error) {
    }

    private Period period(Catalog catalog, String since) {
        LocalDate day;
        String error = null;
        try {
            day = since == null || since.isBlank() ? LocalDate.now(ZoneOffset.UTC).minusDays(DEFAULT_DAYS) : LocalDate.parse(since.strip());
        } catch (DateTimeParseException e) {
            day = LocalDate.now(ZoneOffset.UTC).minusDays(DEFAULT_DAYS);
            error = "'" + (since.length() > 40 ? since.substring(0, 40) + "…" : since) + "' is not a date; write it as 2026-06-01.";
        }
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, List<Entry>> bySource = new LinkedHashMap<>();
        int added = 0;
        int modified = 0;
        int removed = 0;
        for (RuleHistories.Change c : histories.changesSince(from)) {
            List<RuleVersion> inPeriod = histories.versions(c.source(), c.ruleId()).stream().filter(v -> !v.date().isBefore(from)).toList();
            List<Rule> now = catalog.rules().withId(c.ruleId());
            String permalink = c.kind() == RuleVersion.Kind.REMOVED || now.isEmpty() ? "/rules/" + c.ruleId() + "/history" : "/rules/" + c.ruleId();
            String kind = c.kind().label();
            switch (c.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                default -> modified++;
            }
            List<Entry> list = bySource.computeIfAbsent(c.source(), k -> new ArrayList<>());
            if (list.size() < MAX_LISTED) {
                list.add(new Entry(c.source(), c.ruleId(), c.version().title(), kind, c.version(), inPeriod.size(), net(inPeriod), permalink));
            }
        }
        boolean reading = catalog.report().sources().stream().anyMatch(s -> histories.state(s.name()) == RuleHistories.State.READING);
        return new Period(day, bySource, added, modified, removed, reading, error);
    }

    /** The versions' changes taken together, oldest first: what was added and later removed cancels out. */
    static RuleVersion.Changes net(List<RuleVersion> newestFirst) {
        Set<RuleVersion.IndicatorRef> added = new LinkedHashSet<>();
        Set<RuleVersion.IndicatorRef> removed = new LinkedHashSet<>();
        Set<String> attackAdded = new LinkedHashSet<>();
        Set<String> attackRemoved = new LinkedHashSet<>();
        Set<String> fields = new LinkedHashSet<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            RuleVersion.Changes c = newestFirst.get(i).changes();
            c.indicatorsAdded().forEach(x -> {
                if (!removed.remove(x)) {
                    added.add(x);
                }
            });
            c.indicatorsRemoved().forEach(x -> {
                if (!added.remove(x)) {
                    removed.add(x);
                }
            });
            c.attackAdded().forEach(x -> {
                if (!attackRemoved.remove(x)) {
                    attackAdded.add(x);
                }
            });
            c.attackRemoved().forEach(x -> {
                if (!attackAdded.remove(x)) {
                    attackRemoved.add(x);
                }
            });
            fields.addAll(c.fieldsChanged());
        }
        return new RuleVersion.Changes(List.copyOf(added), List.copyOf(removed), List.copyOf(attackAdded), List.copyOf(attackRemoved),
                List.copyOf(fields));
    }

    @GetMapping("/changes")
    String page(@RequestParam(required = false) String since, Catalog catalog, Model model, HttpServletResponse response) {
        Period period = period(catalog, since);
        if (period.error() != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("period", period);
        return "changes";
    }

    /** {@code /api/changes}: what was added, modified and removed since a date, per source. */
    record ChangesAnswer(String since, boolean historyBeingRead, long added, long modified, long removed,
            Map<String, List<ChangeJson>> sources) {
    }

    /** @param change {@code added}, {@code modified} or {@code removed}; {@code changes} nets every version since */
    record ChangeJson(String id, String title, String change, String date, String commit, String path, int versions,
            HistoryViews.ChangesJson changes, String permalink) {
    }

    record Problem(String error) {
    }

    @GetMapping(path = "/api/changes", produces = "application/json")
    @ResponseBody
    ResponseEntity<Object> api(@RequestParam(required = false) String since, Catalog catalog) {
        Period period = period(catalog, since);
        if (period.error() != null) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new Problem(period.error()));
        }
        Map<String, List<ChangeJson>> sources = new LinkedHashMap<>();
        period.bySource().forEach((source, entries) -> sources.put(source, entries.stream().map(e -> new ChangeJson(e.ruleId(), e.title(),
                e.kind(), e.latest().date().toString(), e.latest().commit(), e.latest().path(), e.versions(),
                HistoryViews.ChangesJson.of(e.net()), e.permalink())).toList()));
        return ResponseEntity.ok(new ChangesAnswer(period.since().toString(), period.reading(), period.added(), period.modified(),
                period.removed(), sources));
    }
}
