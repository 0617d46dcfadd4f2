package io.rulescope.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.build.IngestRun;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;

/**
 * One ingest as {@code /ingest} lists it: when, why, what each source was before and after, and which rules it
 * added, changed and removed.
 *
 * @param versionsBefore per source, the commit (or content) read before; {@code versionsAfter} the one read now
 */
public record RefreshRecord(String id, String trigger, Instant startedAt, Instant finishedAt, long millis, Outcome outcome,
        String reason, long generationBefore, long generationAfter, Map<String, String> versionsBefore,
        Map<String, String> versionsAfter, int filesReused, int filesParsed, List<RuleRef> added, List<RuleRef> modified,
        List<RuleRef> removed, List<RuleRef> moved) {

    public enum Outcome {
        /** No source changed: nothing was parsed and the catalog stays. */
        UNCHANGED,
        /** A new catalog was built and is being served. */
        PUBLISHED,
        /** Something broke; the catalog that was serving still is. */
        FAILED;

        public boolean isPublished() {
            return this == PUBLISHED;
        }
    }

    /** A rule named in a refresh: its title and where to read it. */
    public record RuleRef(String title, String permalink, String source, String path) {

        static RuleRef of(Rule rule) {
            return new RuleRef(rule.getTitle(), rule.getPermalink(), rule.getSourceName(), rule.getSourcePath());
        }
    }

    static RefreshRecord unchanged(IngestRun run, Catalog current) {
        Map<String, String> versions = versions(current.report());
        return new RefreshRecord(run.id, run.trigger, run.started, Instant.now(), millis(run), Outcome.UNCHANGED,
                "no source changed", current.generation(), current.generation(), versions, versions, run.files.size(), 0,
                List.of(), List.of(), List.of(), List.of());
    }

    static RefreshRecord failed(IngestRun run, Catalog current, Throwable e) {
        String reason = e instanceof OutOfMemoryError ? "out of memory while building the catalog" : String.valueOf(e.getMessage());
        return new RefreshRecord(run.id, run.trigger, run.started, Instant.now(), millis(run), Outcome.FAILED,
                e.getClass().getSimpleName() + ": " + reason, current.generation(), current.generation(),
                versions(current.report()), Map.copyOf(run.sourceVersions), 0, 0, List.of(), List.of(), List.of(), List.of());
    }

    static RefreshRecord published(IngestRun run, Catalog before, Catalog after) {
        RuleSet old = before.rules();
        RuleSet now = after.rules();
        List<RuleRef> added = new ArrayList<>();
        List<RuleRef> modified = new ArrayList<>();
        List<RuleRef> removed = new ArrayList<>();
        if (before.isReady()) {
            for (Rule rule : now.all()) {
                Rule was = old.byUid(rule.getUid());
                if (was == null) {
                    added.add(RuleRef.of(rule));
                } else if (was != rule && !was.sameRaw(rule)) {
                    modified.add(RuleRef.of(rule));
                }
            }
            for (Rule rule : old.all()) {
                if (now.byUid(rule.getUid()) == null) {
                    removed.add(RuleRef.of(rule));
                }
            }
        }
        List<RuleRef> moved = moves(added, removed);
        Comparator<RuleRef> byTitle = Comparator.comparing(RuleRef::title, String.CASE_INSENSITIVE_ORDER);
        added.sort(byTitle);
        modified.sort(byTitle);
        removed.sort(byTitle);
        moved.sort(byTitle);
        int reused = run.reusedFiles.get();
        return new RefreshRecord(run.id, run.trigger, run.started, Instant.now(), millis(run), Outcome.PUBLISHED,
                run.restored ? "restored from the snapshot saved for this content" : null, before.generation(),
                after.generation(), versions(before.report()), versions(after.report()), reused,
                run.restored ? 0 : run.files.size() - reused, List.copyOf(added), List.copyOf(modified), List.copyOf(removed),
                List.copyOf(moved));
    }

    /**
     * A rule that left one file and came back, with the same id in the same source, in another (moved to
     * {@code deprecated/}, say) was moved, not removed and added: taken out of both lists, it is listed once, with the
     * path it left.
     */
    private static List<RuleRef> moves(List<RuleRef> added, List<RuleRef> removed) {
        Map<String, RuleRef> gone = new LinkedHashMap<>();
        removed.forEach(r -> gone.putIfAbsent(r.source() + "\u0000" + r.permalink(), r));
        List<RuleRef> moved = new ArrayList<>();
        for (java.util.Iterator<RuleRef> it = added.iterator(); it.hasNext();) {
            RuleRef now = it.next();
            RuleRef was = gone.remove(now.source() + "\u0000" + now.permalink());
            if (was != null) {
                it.remove();
                removed.remove(was);
                moved.add(new RuleRef(now.title(), now.permalink(), now.source(), now.path() + " (from " + was.path() + ")"));
            }
        }
        return moved;
    }

    /**
     * This record as a reader who may not see some private sources may read it: their versions and rules left out,
     * and the file counts, which cannot be split by source, with them ({@code -1}: not shown).
     */
    public RefreshRecord visibleTo(io.rulescope.catalog.Audience reader) {
        if (!reader.isRestricted()) {
            return this;
        }
        return new RefreshRecord(id, trigger, startedAt, finishedAt, millis, outcome, reason, generationBefore, generationAfter,
                visibleVersions(versionsBefore, reader), visibleVersions(versionsAfter, reader), -1, -1, visibleRules(added, reader),
                visibleRules(modified, reader), visibleRules(removed, reader), visibleRules(moved, reader));
    }

    private static Map<String, String> visibleVersions(Map<String, String> versions, io.rulescope.catalog.Audience reader) {
        Map<String, String> out = new LinkedHashMap<>();
        versions.forEach((source, version) -> {
            if (reader.sees(source)) {
                out.put(source, version);
            }
        });
        return out;
    }

    private static List<RuleRef> visibleRules(List<RuleRef> rules, io.rulescope.catalog.Audience reader) {
        return rules.stream().filter(r -> reader.sees(r.source())).toList();
    }

    /** Per source, its commit where it has one, else its kind. */
    private static Map<String, String> versions(IngestReport report) {
        Map<String, String> out = new LinkedHashMap<>();
        report.sources().forEach(s -> out.put(s.name(), s.commit() != null ? s.commit() : s.kind()));
        return out;
    }

    private static long millis(IngestRun run) {
        return Duration.between(run.started, Instant.now()).toMillis();
    }
}
