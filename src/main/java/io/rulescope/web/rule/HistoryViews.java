package io.rulescope.web.rule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestReport;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleSummary;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionFacts;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.IngestService;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.web.ListingProperties;

/**
 * Finds a rule's history and older versions for pages and the API: which source's history holds it, each version's
 * text (read again from the repository) and what it said.
 */
@Component
public class HistoryViews {

    /** The most versions one page of a history shows, whatever the URL asks. */
    public static final int MAX_PAGE_SIZE = 500;

    private final RuleHistories histories;
    private final IngestService ingest;
    private final IndicatorAnalysis analysis;
    private final RuleViews views;
    private final ListingProperties listing;

    HistoryViews(RuleHistories histories, IngestService ingest, IndicatorAnalysis analysis, RuleViews views, ListingProperties listing) {
        this.histories = histories;
        this.ingest = ingest;
        this.analysis = analysis;
        this.views = views;
        this.listing = listing;
    }

    /**
     * A rule's history as pages show it, one page of versions at a time.
     *
     * @param current the rule in the catalog, or null for a rule that has been removed
     * @param page this page of the rule's versions, newest first
     */
    public record Located(String ruleId, String source, Rule current, String title, RuleHistories.State state,
            Page<RuleVersion> page, String commitHome) {

        public boolean reading() {
            return state == RuleHistories.State.READING;
        }

        /** This page's versions, newest first. */
        public List<RuleVersion> versions() {
            return page.getContent();
        }

        /** How many versions the rule has in all. */
        public long total() {
            return page.getTotalElements();
        }

        public String permalink() {
            return "/rules/" + ruleId;
        }

        /** The URL of a commit on the source's web home (GitHub), or null. */
        public String commitUrl(String commit) {
            return commitHome == null ? null : commitHome + commit;
        }
    }

    /**
     * What a rule page says of the rule's history, from memory.
     *
     * @param firstSeen the version that added the rule (null while reading, or without history)
     * @param changed the newest version that changed it
     */
    public record Summary(RuleHistories.State state, int versions, RuleVersion firstSeen, RuleVersion changed) {

        public boolean reading() {
            return state == RuleHistories.State.READING;
        }
    }

    public Summary summary(Rule rule) {
        RuleHistories.State state = histories.state(rule.getSourceName());
        return histories.summary(rule.getSourceName(), rule.getRuleId())
                .map(s -> new Summary(state, s.versions(), s.firstSeen(), s.newest()))
                .orElse(new Summary(state, 0, null, null));
    }

    /** The first page of the rule's history in the source that holds it; empty when no source knows the id. */
    public Optional<Located> locate(Catalog catalog, String ruleId) {
        return locate(catalog, ruleId, 1, null);
    }

    /** One page of the rule's history (pages count from 1; the size defaults to the listing's). */
    public Optional<Located> locate(Catalog catalog, String ruleId, int page, Integer size) {
        int pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, ListingProperties.sizeOr(size, listing.historyPageSize())));
        PageRequest request = PageRequest.of(Math.max(0, page - 1), pageSize);
        List<Rule> rules = catalog.rules().withId(ruleId);
        if (!rules.isEmpty()) {
            Rule rule = rules.get(0);
            return Optional.of(new Located(ruleId, rule.getSourceName(), rule, rule.getTitle(), histories.state(rule.getSourceName()),
                    versions(rule.getSourceName(), ruleId, request), commitHome(catalog, rule.getSourceName())));
        }
        for (IngestReport.SourceSummary source : catalog.report().sources()) {
            Optional<RuleSummary> known = histories.summary(source.name(), ruleId);
            if (known.isPresent()) {
                String title = known.get().newest().title() == null ? ruleId : known.get().newest().title();
                return Optional.of(new Located(ruleId, source.name(), null, title, histories.state(source.name()),
                        versions(source.name(), ruleId, request), commitHome(catalog, source.name())));
            }
        }
        return Optional.empty();
    }

    private Page<RuleVersion> versions(String source, String ruleId, PageRequest request) {
        return histories.knows(source, ruleId) ? histories.versions(source, ruleId, request) : Page.empty(request);
    }

    /** The newest version of the rule made by a commit whose id starts with {@code commitPrefix} (4 to 40 hex digits). */
    public Optional<NumberedVersion> version(Located located, String commitPrefix) {
        if (commitPrefix == null || commitPrefix.length() < 4 || commitPrefix.length() > 40 || !commitPrefix.matches("[0-9a-fA-F]+")
                || !histories.knows(located.source(), located.ruleId())) {
            return Optional.empty();
        }
        return histories.version(located.source(), located.ruleId(), commitPrefix.toLowerCase(Locale.ROOT));
    }

    /** The newest version of the rule, if it has any. */
    public Optional<NumberedVersion> newest(Located located) {
        return histories.summary(located.source(), located.ruleId())
                .map(s -> new NumberedVersion(located.ruleId(), s.versions() - 1, s.newest()));
    }

    /** The version before this one, if there is one. */
    public Optional<RuleVersion> before(Located located, NumberedVersion version) {
        return histories.before(located.source(), version);
    }

    /** Commits link to GitHub when the source's files do. */
    private static String commitHome(Catalog catalog, String source) {
        return catalog.report().sources().stream().filter(s -> s.name().equals(source) && s.webHome() != null)
                .map(s -> s.webHome().replaceFirst("/blob/[^/]+/$", "/commit/")).filter(h -> h.contains("/commit/"))
                .findFirst().orElse(null);
    }

    /** The rule as it was at a version, parsed from the file then; empty for a removal or an unreadable version. */
    public Optional<Rule> ruleAt(String source, RuleVersion version, String ruleId) {
        if (version.blob() == null) {
            return Optional.empty();
        }
        return ingest.rulesAt(source, version.path(), version.blob()).stream().filter(r -> r.getRuleId().equals(ruleId)).findFirst();
    }

    /** The file text of a version (empty for a removal). */
    public String textAt(String source, RuleVersion version) {
        if (version.blob() == null) {
            return "";
        }
        String text = ingest.textAt(source, version.blob());
        return text == null ? "" : text;
    }

    /** What the rule said at a version, analysed with this catalog's macros. */
    public Optional<VersionFacts> factsAt(Catalog catalog, String source, RuleVersion version, String ruleId) {
        return ruleAt(source, version, ruleId).map(rule -> VersionFacts.of(rule, analysis.analyzer(catalog.macros()).analyze(rule)));
    }

    /** The page view of the rule as it was at a version. */
    public Optional<RuleView> viewAt(Catalog catalog, Located located, RuleVersion version) {
        return ruleAt(located.source(), version, located.ruleId()).map(rule -> {
            QueryAnalysis a = analysis.analyzer(catalog.macros()).analyze(rule);
            return views.viewOfVersion(catalog, rule, a, located.permalink() + "@" + version.shortCommit());
        });
    }

    /** One version as the API documents it. */
    public record VersionJson(String commit, String date, String author, String message, String path, String kind, ChangesJson changes) {

        public static VersionJson of(RuleVersion v) {
            return new VersionJson(v.commit(), v.date().toString(), v.author(), v.message(), v.path(), v.kind().label(),
                    ChangesJson.of(v.changes()));
        }
    }

    /** What a version changed, predicate by predicate. */
    public record ChangesJson(List<RuleVersion.IndicatorRef> indicatorsAdded, List<RuleVersion.IndicatorRef> indicatorsRemoved, List<String> attackAdded,
            List<String> attackRemoved, List<String> fieldsChanged) {

        public static ChangesJson of(RuleVersion.Changes c) {
            return new ChangesJson(c.indicatorsAdded(), c.indicatorsRemoved(), c.attackAdded(), c.attackRemoved(), c.fieldsChanged());
        }
    }
}
