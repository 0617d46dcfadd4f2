package io.rulescope.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;

/** Versions kept in memory, for ingest built by hand (tools, benchmarks); the application keeps them in its database. */
public class MemoryHistoryStore implements HistoryStore {

    private record Stored(String key, HistoryCursor cursor, Map<String, List<RuleVersion>> versions) {
    }

    private final Map<String, Stored> sources = new ConcurrentHashMap<>();

    @Override
    public Optional<HistoryCursor> cursor(String source, String key) {
        Stored stored = sources.get(source);
        return stored != null && stored.key().equals(key) ? Optional.of(stored.cursor()) : Optional.empty();
    }

    @Override
    public synchronized void save(String key, HistoryIncrement increment) {
        String source = increment.cursor().source();
        Stored before = sources.get(source);
        Map<String, List<RuleVersion>> versions = new HashMap<>();
        if (before != null && !increment.fromScratch()) {
            before.versions().forEach((id, list) -> versions.put(id, new ArrayList<>(list)));
        }
        for (NumberedVersion v : increment.versions()) {
            List<RuleVersion> list = versions.computeIfAbsent(v.ruleId(), k -> new ArrayList<>());
            if (list.size() != v.ordinal()) {
                throw new IllegalArgumentException("version " + v.ordinal() + " of " + v.ruleId() + " follows " + list.size() + " versions");
            }
            list.add(v.version());
        }
        versions.replaceAll((id, list) -> List.copyOf(list));
        sources.put(source, new Stored(key, increment.cursor(), versions));
    }

    private List<RuleVersion> oldestFirst(String source, String ruleId) {
        Stored stored = sources.get(source);
        return stored == null ? List.of() : stored.versions().getOrDefault(ruleId, List.of());
    }

    @Override
    public List<RuleVersion> versions(String source, String ruleId) {
        List<RuleVersion> newestFirst = new ArrayList<>(oldestFirst(source, ruleId));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Page<RuleVersion> versions(String source, String ruleId, Pageable page) {
        List<RuleVersion> all = versions(source, ruleId);
        int from = (int) Math.min(all.size(), page.getOffset());
        return new PageImpl<>(all.subList(from, Math.min(all.size(), from + page.getPageSize())), page, all.size());
    }

    @Override
    public Optional<NumberedVersion> version(String source, String ruleId, String commitPrefix) {
        List<RuleVersion> versions = oldestFirst(source, ruleId);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).commit().startsWith(commitPrefix)) {
                return Optional.of(new NumberedVersion(ruleId, i, versions.get(i)));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<RuleVersion> version(String source, String ruleId, int ordinal) {
        List<RuleVersion> versions = oldestFirst(source, ruleId);
        return ordinal >= 0 && ordinal < versions.size() ? Optional.of(versions.get(ordinal)) : Optional.empty();
    }

    @Override
    public List<VersionStamp> stampsSince(Instant from) {
        List<VersionStamp> out = new ArrayList<>();
        sources.forEach((source, stored) -> stored.versions().forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                RuleVersion v = list.get(i);
                if (!v.date().isBefore(from)) {
                    out.add(new VersionStamp(source, id, i, v.kind(), v.commit(), v.date()));
                }
            }
        }));
        return out;
    }

    @Override
    public List<NumberedVersion> versionsSince(String source, Collection<String> ruleIds, Instant from) {
        List<NumberedVersion> out = new ArrayList<>();
        for (String id : ruleIds) {
            List<RuleVersion> list = oldestFirst(source, id);
            for (int i = list.size() - 1; i >= 0; i--) {
                if (!list.get(i).date().isBefore(from)) {
                    out.add(new NumberedVersion(id, i, list.get(i)));
                }
            }
        }
        return out;
    }

    @Override
    public List<NumberedVersion> newestAndAdditions(String source) {
        Stored stored = sources.get(source);
        if (stored == null) {
            return List.of();
        }
        List<NumberedVersion> out = new ArrayList<>();
        stored.versions().forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                if (i == list.size() - 1 || list.get(i).kind() == RuleVersion.Kind.ADDED) {
                    out.add(new NumberedVersion(id, i, list.get(i)));
                }
            }
        });
        out.sort(Comparator.comparing(NumberedVersion::ruleId).thenComparingInt(NumberedVersion::ordinal));
        return out;
    }
}
