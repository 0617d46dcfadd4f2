package io.rulescope.web.collection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import io.rulescope.catalog.CacheKind;
import io.rulescope.catalog.Catalog;
import io.rulescope.collection.CollectionEvent;
import io.rulescope.collection.CollectionMember;
import io.rulescope.collection.Collections;
import io.rulescope.collection.PinnedText;
import io.rulescope.collection.RuleCollection;
import io.rulescope.history.GitBlobId;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleSummary;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionFacts;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.IngestService;
import io.rulescope.rule.Permalinks;
import io.rulescope.rule.Rule;

/**
 * A collection against the catalog as it is now: each member's pinned and current version, which changed upstream
 * (with what changed, predicate by predicate, from the pin to now) and which left the catalog.
 */
@Component
public class CollectionViews {

    /** Each rule file's hashes, per catalog: comparing 500 pins must not inflate and hash 500 files each time. */
    private static final CacheKind<String, Identity> IDENTITIES = CacheKind.made("rule content hashes",
            catalog -> Caffeine.newBuilder().maximumSize(200_000).build());
    /** What a pinned text says, analysed with the catalog's macros: pinned texts never change, so once per catalog. */
    private static final CacheKind<String, Optional<VersionFacts>> PINNED_FACTS = CacheKind.made("pinned versions",
            catalog -> Caffeine.newBuilder().maximumSize(50_000).build());

    private final Collections collections;
    private final RuleHistories histories;
    private final IngestService ingest;
    private final IndicatorAnalysis analysis;

    CollectionViews(Collections collections, RuleHistories histories, IngestService ingest, IndicatorAnalysis analysis) {
        this.collections = collections;
        this.histories = histories;
        this.ingest = ingest;
        this.analysis = analysis;
    }

    /**
     * One member now.
     *
     * @param current the rule as the catalog has it; null once it has left
     * @param changes from the pin to now, for a member that changed (null where the pinned text cannot be read again)
     * @param lastVersion the history's newest version of the rule (for a removed member, its removal), if any
     */
    public record MemberView(CollectionMember member, Rule current, String pinned, String currentVersion, boolean changed,
            RuleVersion.Changes changes, RuleVersion lastVersion) {

        /** When upstream last changed the rule, where its history says; otherwise when it was pinned. */
        public Instant changedAt() {
            RuleVersion newest = lastVersion;
            return newest != null ? newest.date() : member.getPinnedAt();
        }

        public boolean removed() {
            return current == null;
        }

        /** The pinned version as people write it: a commit's first ten characters, or the content hash's. */
        public String pinnedLabel() {
            return label(pinned);
        }

        public String currentLabel() {
            return currentVersion == null ? "" : label(currentVersion);
        }

        /** The day of the pinned version: its commit's where there is one, else the day it was pinned. */
        public String pinnedDay() {
            return day(member.getPinnedCommitAt() != null ? member.getPinnedCommitAt() : member.getPinnedAt());
        }

        /** The day of the current version where the history names it; empty otherwise. */
        public String currentDay() {
            return lastVersion != null && currentVersion != null && currentVersion.equals(lastVersion.commit()) ? day(lastVersion.date()) : "";
        }

        private static String label(String version) {
            return version.startsWith("sha256:") ? version.substring(0, Math.min(version.length(), 17)) : version.substring(0, Math.min(version.length(), 10));
        }

        private static String day(Instant at) {
            return at.toString().substring(0, 10);
        }

        public String permalink() {
            return current != null ? current.getPermalink() : Permalinks.of(member.getRuleId());
        }

        public String title() {
            return current != null && current.getTitle() != null ? current.getTitle() : member.getTitle();
        }

        /** The rule's own diff page from the pinned commit to now, where both are commits of its history. */
        public String diffLink() {
            String pinnedCommit = member.getPinnedCommit();
            return pinnedCommit == null || current == null || currentVersion == null || currentVersion.startsWith("sha256:") ? null
                    : Permalinks.of(member.getRuleId()) + "/diff?from=" + pinnedCommit + "&to=" + currentVersion;
        }
    }

    /** A collection as its page and API show it. */
    public record CollectionView(RuleCollection collection, List<MemberView> members, List<MemberView> changed, List<MemberView> removed,
            List<CollectionEvent> log, boolean historyReading) {
    }

    public CollectionView view(Catalog catalog, RuleCollection collection) {
        // Members from sources the reader may not see are not shown, not counted and not even "removed upstream".
        List<CollectionMember> members = collections.members(collection.getId()).stream().filter(m -> catalog.shows(m.getSource())).toList();
        Map<String, Rule> rules = currentRules(catalog, members);
        List<CollectionMember> differing = new ArrayList<>();
        for (CollectionMember m : members) {
            Rule rule = rules.get(key(m.getSource(), m.getRuleId()));
            if (rule != null && !identity(catalog, rule).hash().equals(m.getPinnedHash())) {
                differing.add(m);
            }
        }
        Map<String, RuleVersion.Changes> changes = changes(catalog, differing, rules);
        List<MemberView> views = new ArrayList<>(members.size());
        List<MemberView> changed = new ArrayList<>();
        List<MemberView> removed = new ArrayList<>();
        boolean reading = false;
        for (CollectionMember m : members) {
            String key = key(m.getSource(), m.getRuleId());
            Rule rule = rules.get(key);
            reading |= histories.state(m.getSource()) == RuleHistories.State.READING;
            RuleVersion newest = histories.summary(m.getSource(), m.getRuleId()).map(RuleSummary::newest).orElse(null);
            if (rule == null) {
                MemberView view = new MemberView(m, null, pinnedName(m), null, false, null, newest);
                removed.add(view);
                views.add(view);
                continue;
            }
            Identity now = identity(catalog, rule);
            boolean differs = !now.hash().equals(m.getPinnedHash());
            MemberView view = new MemberView(m, rule, pinnedName(m), now.name(newest), differs, changes.get(key), newest);
            if (differs) {
                changed.add(view);
            }
            views.add(view);
        }
        return new CollectionView(collection, views, changed, removed, collections.log(collection.getId(), catalog::shows), reading);
    }

    /** A rule's file as the catalog serves it: its content hash and its git blob id. */
    record Identity(String hash, String blob) {

        /** The commit of the history's newest version where that version is this text; otherwise the content hash. */
        String name(RuleVersion newest) {
            return newest != null && blob.equals(newest.blob()) ? newest.commit() : "sha256:" + hash;
        }
    }

    private static Identity identity(Catalog catalog, Rule rule) {
        return catalog.cache(IDENTITIES).get(rule.getUid(), k -> {
            String raw = rule.getRaw() == null ? "" : rule.getRaw();
            return new Identity(PinnedText.hashOf(raw), GitBlobId.of(raw));
        });
    }

    /**
     * What changed from each pin to now. Where the pin is a commit of the rule's history and the history has caught up
     * with the catalog, the versions after the pin are taken together (one query per source); otherwise the pinned
     * text is read and analysed again, once per catalog, and compared with the rule's analysis from ingest.
     */
    private Map<String, RuleVersion.Changes> changes(Catalog catalog, List<CollectionMember> differing, Map<String, Rule> rules) {
        Map<String, RuleVersion.Changes> found = new HashMap<>();
        Map<String, List<CollectionMember>> bySource = new HashMap<>();
        for (CollectionMember m : differing) {
            if (m.getPinnedCommit() != null && m.getPinnedCommitAt() != null) {
                bySource.computeIfAbsent(m.getSource(), k -> new ArrayList<>()).add(m);
            }
        }
        bySource.forEach((source, pinned) -> {
            Instant from = pinned.stream().map(CollectionMember::getPinnedCommitAt).min(Instant::compareTo).orElseThrow();
            Map<String, List<RuleVersion>> versions = new HashMap<>();
            for (NumberedVersion v : histories.versionsSince(source, pinned.stream().map(CollectionMember::getRuleId).distinct().toList(), from)) {
                versions.computeIfAbsent(v.ruleId(), k -> new ArrayList<>()).add(v.version());
            }
            for (CollectionMember m : pinned) {
                List<RuleVersion> newestFirst = versions.getOrDefault(m.getRuleId(), List.of());
                Rule rule = rules.get(key(source, m.getRuleId()));
                int pin = indexOf(newestFirst, m.getPinnedCommit());
                // The history has the pin and, as its newest version, exactly what the catalog serves.
                if (pin > 0 && identity(catalog, rule).blob().equals(newestFirst.get(0).blob())) {
                    found.put(key(source, m.getRuleId()), RuleVersion.Changes.net(newestFirst.subList(0, pin)));
                }
            }
        });
        List<CollectionMember> fromText = differing.stream().filter(m -> !found.containsKey(key(m.getSource(), m.getRuleId()))).toList();
        Cache<String, Optional<VersionFacts>> pinnedFacts = catalog.cache(PINNED_FACTS);
        Set<String> uncached = fromText.stream().map(CollectionViews::factsKey).filter(k -> pinnedFacts.getIfPresent(k) == null)
                .collect(java.util.stream.Collectors.toSet());
        Map<String, String> texts = uncached.isEmpty() ? Map.of()
                : collections.pinnedTexts(fromText.stream().filter(m -> uncached.contains(factsKey(m))).map(CollectionMember::getPinnedHash)
                        .distinct().toList());
        for (CollectionMember m : fromText) {
            Rule current = rules.get(key(m.getSource(), m.getRuleId()));
            Optional<VersionFacts> before = pinnedFacts.get(factsKey(m), k -> pinnedFactsOf(catalog, m, texts.get(m.getPinnedHash())));
            before.ifPresent(b -> found.put(key(m.getSource(), m.getRuleId()),
                    VersionFacts.of(current, catalog.indicators().analysisOf(current)).since(b)));
        }
        return found;
    }

    private Optional<VersionFacts> pinnedFactsOf(Catalog catalog, CollectionMember m, String text) {
        if (text == null) {
            return Optional.empty();
        }
        return ingest.rulesIn(m.getSource(), m.getPinnedPath(), text).stream().filter(r -> r.getRuleId().equals(m.getRuleId())).findFirst()
                .map(r -> VersionFacts.of(r, analysis.analyzer(catalog.macros()).analyze(r)));
    }

    private static int indexOf(List<RuleVersion> newestFirst, String commit) {
        for (int i = 0; i < newestFirst.size(); i++) {
            if (newestFirst.get(i).commit().equals(commit)) {
                return i;
            }
        }
        return -1;
    }

    private static String factsKey(CollectionMember m) {
        return m.getPinnedHash() + "\u0000" + m.getSource() + "\u0000" + m.getRuleId();
    }

    /** The members' rules in the catalog, by source and rule id. */
    static Map<String, Rule> currentRules(Catalog catalog, List<CollectionMember> members) {
        Map<String, Rule> found = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (CollectionMember m : members) {
            ids.add(m.getRuleId());
        }
        for (String id : ids) {
            for (Rule rule : catalog.rules().withId(id)) {
                found.putIfAbsent(key(rule.getSourceName(), rule.getRuleId()), rule);
            }
        }
        return found;
    }

    static String pinnedName(CollectionMember m) {
        return m.getPinnedCommit() != null ? m.getPinnedCommit() : "sha256:" + m.getPinnedHash();
    }

    static String key(String source, String ruleId) {
        return source + "\u0000" + ruleId;
    }
}
