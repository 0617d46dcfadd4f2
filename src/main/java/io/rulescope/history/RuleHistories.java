package io.rulescope.history;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import io.rulescope.search.ChangeDates;

/**
 * The rule histories of every source that has one (git sources, and directories inside a git work tree). Histories
 * are read in the background after a catalog is served, so each source is either being read, ready up to some
 * commit, or without history; pages say which. The versions live in a {@link HistoryStore}; what rule pages and
 * searches need of them (each rule's summary) is held here, so neither waits for the store.
 */
@Component
public class RuleHistories implements ChangeDates {

    public enum State { NONE, READING, READY }

    private final Supplier<HistoryStore> store;
    private final Map<String, Map<String, RuleSummary>> summaries = new ConcurrentHashMap<>();
    private final Map<String, Head> heads = new ConcurrentHashMap<>();
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** Versions in memory, for ingest built by hand (tools, benchmarks). */
    public RuleHistories() {
        this(new MemoryHistoryStore());
    }

    public RuleHistories(HistoryStore store) {
        this.store = () -> store;
    }

    /**
     * The store is reached when first used: ingest, which starts before Hibernate so that reading rules need not wait
     * for it, holds this; the store needs Hibernate.
     */
    @Autowired
    RuleHistories(ObjectProvider<HistoryStore> store) {
        this.store = SingletonSupplier.of(store::getObject);
    }

    public HistoryStore store() {
        return store.get();
    }

    public void reading(String source) {
        states.put(source, State.READING);
        version.incrementAndGet();
    }

    /**
     * The store holds the source's history up to the increment's cursor: what pages summarise is brought up to date
     * from the new versions, or read from the store when nothing of the source is in memory yet (after a restart).
     */
    public void publish(HistoryIncrement increment) {
        HistoryCursor cursor = increment.cursor();
        Map<String, RuleSummary> known = summaries.get(cursor.source());
        Map<String, RuleSummary> bySource;
        if (increment.fromScratch() || known != null) {
            bySource = new HashMap<>(increment.fromScratch() ? Map.of() : known);
            for (NumberedVersion v : increment.versions()) {
                RuleSummary before = bySource.get(v.ruleId());
                RuleVersion firstSeen = v.version().kind() == RuleVersion.Kind.ADDED || before == null ? v.version() : before.firstSeen();
                bySource.put(v.ruleId(), new RuleSummary(v.ordinal() + 1, firstSeen, v.version()));
            }
        } else {
            bySource = stored(cursor.source());
        }
        summaries.put(cursor.source(), Map.copyOf(bySource));
        heads.put(cursor.source(), new Head(cursor.head(), cursor.commits(), cursor.firstCommit() == null ? "" : cursor.firstCommit()));
        states.put(cursor.source(), State.READY);
        version.incrementAndGet();
    }

    /** Each rule's summary as the store has it: its newest version, and the newest that added it. */
    private Map<String, RuleSummary> stored(String source) {
        Map<String, RuleSummary> bySource = new HashMap<>();
        List<NumberedVersion> rows = store().newestAndAdditions(source);
        for (int i = 0; i < rows.size(); i++) {
            NumberedVersion row = rows.get(i);
            boolean newest = i + 1 == rows.size() || !rows.get(i + 1).ruleId().equals(row.ruleId());
            if (!newest) {
                continue;
            }
            RuleVersion firstSeen = row.version();
            for (int j = i; j >= 0 && rows.get(j).ruleId().equals(row.ruleId()); j--) {
                if (rows.get(j).version().kind() == RuleVersion.Kind.ADDED) {
                    firstSeen = rows.get(j).version();
                    break;
                }
            }
            bySource.put(row.ruleId(), new RuleSummary(row.ordinal() + 1, firstSeen, row.version()));
        }
        return bySource;
    }

    /** A source whose history could not be read keeps the last one it had, if any. */
    public void failed(String source) {
        states.put(source, summaries.containsKey(source) ? State.READY : State.NONE);
        version.incrementAndGet();
    }

    /** Bumped whenever any history changes: what was rendered with the old one is stale. */
    public long version() {
        return version.get();
    }

    /**
     * How far a source's history was read.
     *
     * @param firstCommit the first commit read, whose rules are the source's import
     */
    public record Head(String commit, int commits, String firstCommit) {
    }

    public Optional<Head> head(String source) {
        return Optional.ofNullable(heads.get(source));
    }

    public State state(String source) {
        return states.getOrDefault(source, State.NONE);
    }

    /** A rule's history in brief, from memory; empty while its source's history is being read or when there is none. */
    public Optional<RuleSummary> summary(String source, String ruleId) {
        return Optional.ofNullable(summaries.getOrDefault(source, Map.of()).get(ruleId));
    }

    /** Whether the source's history knows the rule (a removed rule is known by its history alone). */
    public boolean knows(String source, String ruleId) {
        return summary(source, ruleId).isPresent();
    }

    /** A rule's versions, newest first. */
    public List<RuleVersion> versions(String source, String ruleId) {
        return knows(source, ruleId) ? store().versions(source, ruleId) : List.of();
    }

    /** One page of a rule's versions, newest first. */
    public Page<RuleVersion> versions(String source, String ruleId, Pageable page) {
        return store().versions(source, ruleId, page);
    }

    /** The newest version of a rule made by a commit whose id starts with {@code commitPrefix}. */
    public Optional<NumberedVersion> version(String source, String ruleId, String commitPrefix) {
        return store().version(source, ruleId, commitPrefix);
    }

    /** The version before a numbered one, if it has one. */
    public Optional<RuleVersion> before(String source, NumberedVersion version) {
        return version.ordinal() == 0 ? Optional.empty() : store().version(source, version.ruleId(), version.ordinal() - 1);
    }

    /** The versions of these rules of one source made at or after {@code from}, newest first per rule. */
    public List<NumberedVersion> versionsSince(String source, Collection<String> ruleIds, Instant from) {
        return store().versionsSince(source, ruleIds, from);
    }

    @Override
    public Set<String> ruleIdsChangedBetween(long fromDay, long toDay) {
        Set<String> out = new HashSet<>();
        summaries.values().forEach(bySource -> bySource.forEach((id, summary) -> {
            RuleVersion last = summary.newest();
            if (last.kind() != RuleVersion.Kind.REMOVED) {
                long day = last.date().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
                if (day >= fromDay && day <= toDay) {
                    out.add(id);
                }
            }
        }));
        return out;
    }

    @Override
    public Set<String> sourcesWithHistory() {
        return Set.copyOf(summaries.keySet());
    }

    /**
     * One rule's change in a period.
     *
     * @param kind added (its first version in the period added it), removed (its last version removed it), or modified
     * @param first its first version in the period; {@code last}, its newest
     * @param imported its first version ever is in the period and came with its source's first commit read
     */
    public record Change(String source, String ruleId, RuleVersion.Kind kind, VersionStamp first, VersionStamp last, int versions,
            boolean imported) {
    }

    /** Per rule, what happened to it since {@code since}, newest first. */
    public List<Change> changesSince(Instant since) {
        Map<String, List<VersionStamp>> byRule = new HashMap<>();
        for (VersionStamp stamp : store().stampsSince(since)) {
            if (summaries.containsKey(stamp.source())) {
                byRule.computeIfAbsent(stamp.source() + "\u0000" + stamp.ruleId(), k -> new ArrayList<>()).add(stamp);
            }
        }
        List<Change> out = new ArrayList<>(byRule.size());
        for (List<VersionStamp> stamps : byRule.values()) {
            stamps.sort(Comparator.comparingInt(VersionStamp::ordinal));
            VersionStamp first = stamps.get(0);
            VersionStamp last = stamps.get(stamps.size() - 1);
            RuleVersion.Kind kind = last.kind() == RuleVersion.Kind.REMOVED ? RuleVersion.Kind.REMOVED
                    : first.kind() == RuleVersion.Kind.ADDED ? RuleVersion.Kind.ADDED : RuleVersion.Kind.MODIFIED;
            boolean imported = first.ordinal() == 0 && heads.containsKey(first.source()) && first.commit().equals(heads.get(first.source()).firstCommit());
            out.add(new Change(first.source(), first.ruleId(), kind, first, last, stamps.size(), imported));
        }
        out.sort(Comparator.comparing((Change c) -> c.last().date()).reversed().thenComparing(Change::ruleId));
        return out;
    }
}
