package io.rulescope.web.rule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestReport;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionFacts;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.IngestService;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.web.rule.RuleView;
import io.rulescope.web.rule.RuleViews;

/**
 * Finds a rule's history and older versions for pages and the API: which source's history holds it, each version's
 * text (read again from the repository) and what it said.
 */
@Component
public class HistoryViews {

    private final RuleHistories histories;
    private final IngestService ingest;
    private final IndicatorAnalysis analysis;
    private final RuleViews views;

    HistoryViews(RuleHistories histories, IngestService ingest, IndicatorAnalysis analysis, RuleViews views) {
        this.histories = histories;
        this.ingest = ingest;
        this.analysis = analysis;
        this.views = views;
    }

    /**
     * A rule's history as pages show it.
     *
     * @param current the rule in the catalog, or null for a rule that has been removed
     * @param versions newest first
     */
    public record Located(String ruleId, String source, Rule current, String title, RuleHistories.State state,
            List<RuleVersion> versions, String commitHome) {

        public boolean reading() {
            return state == RuleHistories.State.READING;
        }

        public String permalink() {
            return "/rules/" + ruleId;
        }

        /** The URL of a commit on the source's web home (GitHub), or null. */
        public String commitUrl(String commit) {
            return commitHome == null ? null : commitHome + commit;
        }

        public Optional<RuleVersion> version(String commitPrefix) {
            if (commitPrefix == null || commitPrefix.length() < 4 || commitPrefix.length() > 40
                    || !commitPrefix.matches("[0-9a-fA-F]+")) {
                return Optional.empty();
            }
            String prefix = commitPrefix.toLowerCase(Locale.ROOT);
            return versions.stream().filter(v -> v.commit().startsWith(prefix)).findFirst();
        }
    }

    /**
     * What a rule page says of the rule's history.
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
        List<RuleVersion> versions = histories.versions(rule.getSourceName(), rule.getRuleId());
        if (versions.isEmpty()) {
            return new Summary(state, 0, null, null);
        }
        // The newest "added": a rule removed and added again was first seen, this time, when it came back.
        RuleVersion first = versions.get(versions.size() - 1);
        for (RuleVersion v : versions) {
            if (v.kind() == RuleVersion.Kind.ADDED) {
                first = v;
                break;
            }
        }
        return new Summary(state, versions.size(), first, versions.get(0));
    }

    /** The rule's history in the source that holds it; empty when no source knows the id. */
    public Optional<Located> locate(Catalog catalog, String ruleId) {
        List<Rule> rules = catalog.rules().withId(ruleId);
        if (!rules.isEmpty()) {
            Rule rule = rules.get(0);
            List<RuleVersion> versions = histories.versions(rule.getSourceName(), ruleId);
            return Optional.of(new Located(ruleId, rule.getSourceName(), rule, rule.getTitle(),
                    histories.state(rule.getSourceName()), versions, commitHome(catalog, rule.getSourceName())));
        }
        for (IngestReport.SourceSummary source : catalog.report().sources()) {
            List<RuleVersion> versions = histories.versions(source.name(), ruleId);
            if (!versions.isEmpty()) {
                String title = versions.get(0).title() == null ? ruleId : versions.get(0).title();
                return Optional.of(new Located(ruleId, source.name(), null, title, histories.state(source.name()), versions,
                        commitHome(catalog, source.name())));
            }
        }
        return Optional.empty();
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
