package io.rulescope.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.rulescope.search.ChangeDates;

/**
 * The rule histories of every source that has one (git sources, and directories inside a git work tree). Histories
 * are read in the background after a catalog is served, so each source is either being read, ready up to some
 * commit, or without history; pages say which.
 */
@Component
public class RuleHistories implements ChangeDates {

    public enum State { NONE, READING, READY }

    private final Map<String, SourceHistory> bySource = new ConcurrentHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public void reading(String source) {
        states.put(source, State.READING);
        version.incrementAndGet();
    }

    public void publish(SourceHistory history) {
        bySource.put(history.source(), history);
        states.put(history.source(), State.READY);
        version.incrementAndGet();
    }

    /** A source whose history could not be read keeps the last one it had, if any. */
    public void failed(String source) {
        states.put(source, bySource.containsKey(source) ? State.READY : State.NONE);
        version.incrementAndGet();
    }

    /** Bumped whenever any history changes: what was rendered with the old one is stale. */
    public long version() {
        return version.get();
    }

    public State state(String source) {
        return states.getOrDefault(source, State.NONE);
    }

    public SourceHistory of(String source) {
        return bySource.get(source);
    }

    /** A rule's versions, newest first; empty while its source's history is being read or when there is none. */
    public List<RuleVersion> versions(String source, String ruleId) {
        SourceHistory history = bySource.get(source);
        if (history == null) {
            return List.of();
        }
        List<RuleVersion> versions = new ArrayList<>(history.of(ruleId));
        java.util.Collections.reverse(versions);
        return versions;
    }

    @Override
    public Set<String> ruleIdsChangedBetween(long fromDay, long toDay) {
        Set<String> out = new HashSet<>();
        for (SourceHistory history : bySource.values()) {
            history.versions().forEach((id, versions) -> {
                RuleVersion last = versions.isEmpty() ? null : versions.get(versions.size() - 1);
                if (last != null && last.kind() != RuleVersion.Kind.REMOVED) {
                    long day = last.date().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
                    if (day >= fromDay && day <= toDay) {
                        out.add(id);
                    }
                }
            });
        }
        return out;
    }

    @Override
    public Set<String> sourcesWithHistory() {
        return Set.copyOf(bySource.keySet());
    }

    /** One rule's change in a period, for {@code /changes} and the feed. */
    public record Change(String source, String ruleId, RuleVersion version, RuleVersion.Kind kind) {
    }

    /**
     * Per rule, what happened to it since {@code since}: added (its first version is that recent), removed (its last
     * version removed it), or modified (the newest version in the period), newest first.
     */
    public List<Change> changesSince(Instant since) {
        List<Change> out = new ArrayList<>();
        for (SourceHistory history : bySource.values()) {
            history.versions().forEach((ruleId, versions) -> {
                if (versions.isEmpty() || versions.get(versions.size() - 1).date().isBefore(since)) {
                    return;
                }
                RuleVersion last = versions.get(versions.size() - 1);
                RuleVersion firstInPeriod = versions.stream().filter(v -> !v.date().isBefore(since)).findFirst().orElseThrow();
                RuleVersion.Kind kind = last.kind() == RuleVersion.Kind.REMOVED ? RuleVersion.Kind.REMOVED
                        : firstInPeriod.kind() == RuleVersion.Kind.ADDED ? RuleVersion.Kind.ADDED : RuleVersion.Kind.MODIFIED;
                out.add(new Change(history.source(), ruleId, last, kind));
            });
        }
        out.sort(Comparator.comparing((Change c) -> c.version().date()).reversed().thenComparing(Change::ruleId));
        return out;
    }
}
