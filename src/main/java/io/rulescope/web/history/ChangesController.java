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
import java.util.stream.Collectors;

import io.rulescope.catalog.Catalog;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleVersion;
import io.rulescope.rule.Rule;
import io.rulescope.web.ListingProperties;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /changes?since=}: what each source added, changed and removed since a day, from its git history, a page at a
 * time. The rules a source's first commit brings are its import, shown once as such rather than as thousands of
 * additions.
 */
@Controller
class ChangesController {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_PAGE_SIZE = 500;

    private final RuleHistories histories;
    private final ListingProperties listing;

    ChangesController(RuleHistories histories, ListingProperties listing) {
        this.histories = histories;
        this.listing = listing;
    }

    /**
     * One rule's change in the period, with the net effect of all its versions in it.
     *
     * @param permalink the rule page, or its history page for a removed rule
     */
    record Entry(String source, String ruleId, String title, String kind, RuleVersion latest, int versions,
            RuleVersion.Changes net, String permalink) {
    }

    /** The rules a source's first commit read brought in, when that commit falls in the period. */
    record Import(String source, int rules, Instant date, String commit) {
    }

    /**
     * @param bySource this page's entries, by source
     * @param listed how many changes there are to list in all (imports apart), over {@code pages} pages
     */
    record Period(LocalDate since, Map<String, List<Entry>> bySource, List<Import> imports, int added, int modified, int removed,
            int listed, int page, int pages, int size, boolean reading, String error) {

        public int firstShown() {
            return listed == 0 ? 0 : (page - 1) * size + 1;
        }

        public int lastShown() {
            return Math.min(listed, page * size);
        }
    }

    private Period period(Catalog catalog, String since, int page, Integer size) {
        return period(histories, listing, catalog, since, page, size);
    }

    static Period period(RuleHistories histories, ListingProperties listing, Catalog catalog, String since, int page, Integer size) {
        LocalDate day;
        String error = null;
        try {
            day = since == null || since.isBlank() ? LocalDate.now(ZoneOffset.UTC).minusDays(DEFAULT_DAYS) : LocalDate.parse(since.strip());
        } catch (DateTimeParseException e) {
            day = LocalDate.now(ZoneOffset.UTC).minusDays(DEFAULT_DAYS);
            error = "'" + (since.length() > 40 ? since.substring(0, 40) + "…" : since) + "' is not a date; write it as 2026-06-01.";
        }
        int pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, ListingProperties.sizeOr(size, listing.changesPageSize())));
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Import> imports = new LinkedHashMap<>();
        record Listed(RuleHistories.Change change, RuleVersion.Kind kind) {
        }
        List<Listed> listedChanges = new ArrayList<>();
        int added = 0;
        int modified = 0;
        int removed = 0;
        for (RuleHistories.Change c : histories.changesSince(from)) {
            if (!catalog.shows(c.source())) {
                continue;
            }
            RuleVersion.Kind kind = c.kind();
            if (c.imported()) {
                imports.merge(c.source(), new Import(c.source(), 1, c.first().date(), c.first().commit()),
                        (a, b) -> new Import(a.source(), a.rules() + 1, a.date(), a.commit()));
                if (kind == RuleVersion.Kind.ADDED) {
                    // Imported, then changed within the period: listed for what changed since the import.
                    if (c.versions() == 1) {
                        continue;
                    }
                    kind = RuleVersion.Kind.MODIFIED;
                }
            }
            switch (kind) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                default -> modified++;
            }
            listedChanges.add(new Listed(c, kind));
        }
        int pages = Math.max(1, (listedChanges.size() + pageSize - 1) / pageSize);
        int shown = Math.max(1, Math.min(page, pages));
        List<Listed> onPage = listedChanges.subList((shown - 1) * pageSize, Math.min(listedChanges.size(), shown * pageSize));
        Map<String, Map<String, List<RuleVersion>>> inPeriodBySource = new LinkedHashMap<>();
        onPage.stream().collect(Collectors.groupingBy(l -> l.change().source(), LinkedHashMap::new,
                Collectors.mapping(l -> l.change().ruleId(), Collectors.toCollection(LinkedHashSet::new))))
                .forEach((source, ids) -> inPeriodBySource.put(source, histories.versionsSince(source, ids, from).stream()
                        .collect(Collectors.groupingBy(NumberedVersion::ruleId,
                                Collectors.mapping(NumberedVersion::version, Collectors.toList())))));
        Map<String, List<Entry>> bySource = new LinkedHashMap<>();
        for (Listed listed : onPage) {
            RuleHistories.Change c = listed.change();
            List<RuleVersion> inPeriod = inPeriodBySource.get(c.source()).getOrDefault(c.ruleId(), List.of());
            if (inPeriod.isEmpty()) {
                continue;
            }
            List<Rule> now = catalog.rules().withId(c.ruleId());
            String permalink = c.kind() == RuleVersion.Kind.REMOVED || now.isEmpty() ? "/rules/" + c.ruleId() + "/history" : "/rules/" + c.ruleId();
            bySource.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(new Entry(c.source(), c.ruleId(), inPeriod.get(0).title(),
                    listed.kind().label(), inPeriod.get(0), inPeriod.size(),
                    RuleVersion.Changes.net(listed.kind() == c.kind() ? inPeriod : inPeriod.subList(0, inPeriod.size() - 1)), permalink));
        }
        boolean reading = catalog.report().sources().stream().anyMatch(s -> histories.state(s.name()) == RuleHistories.State.READING);
        return new Period(day, bySource, List.copyOf(imports.values()), added, modified, removed, listedChanges.size(), shown, pages,
                pageSize, reading, error);
    }

    @GetMapping("/changes")
    String page(@RequestParam(required = false) String since, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) Integer size, Catalog catalog, Model model, HttpServletResponse response) {
        Period period = period(catalog, since, page, size);
        if (period.error() != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("period", period);
        return "changes";
    }

}
