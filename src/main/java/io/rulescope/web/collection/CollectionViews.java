package io.rulescope.web.collection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import io.rulescope.catalog.CacheKind;
import io.rulescope.catalog.Catalog;
import io.rulescope.collection.CollectionEvent;
import io.rulescope.collection.CollectionMember;
import io.rulescope.collection.Collections;
import io.rulescope.collection.PinnedText;
import io.rulescope.collection.RuleCollection;
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

    /** The content hash of each rule's file, per catalog: comparing 500 pins must not inflate and hash 500 files each time. */
    private static final CacheKind<String, String> HASHES = CacheKind.made("rule content hashes",
            catalog -> Caffeine.newBuilder().maximumSize(200_000).build());
    /** What a pinned text says, analysed with the catalog's macros: pinned texts never change, so once per catalog. */
    private static final CacheKind<String, Optional<VersionFacts>> PINNED_FACTS = CacheKind.made("pinned versions",
            catalog -> Caffeine.newBuilder().maximumSize(50_000).build());
    private static final CacheKind<String, VersionFacts> CURRENT_FACTS = CacheKind.made("current versions",
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
        public java.time.Instant changedAt() {
            RuleVersion newest = lastVersion;
            return newest != null ? newest.date() : member.getPinnedAt();
        }

        public boolean removed() {
            return current == null;
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
        List<CollectionMember> members = collections.members(collection.getId());
        Map<String, Rule> rules = currentRules(catalog, members);
        List<MemberView> views = new ArrayList<>(members.size());
        List<CollectionMember> needTexts = new ArrayList<>();
        for (CollectionMember m : members) {
            Rule rule = rules.get(key(m.getSource(), m.getRuleId()));
            if (rule != null && !hashOf(catalog, rule).equals(m.getPinnedHash())) {
                needTexts.add(m);
            }
        }
        Map<String, String> texts = needTexts.isEmpty() ? Map.of()
                : collections.pinnedTexts(needTexts.stream().map(CollectionMember::getPinnedHash).distinct().toList());
        List<MemberView> changed = new ArrayList<>();
        List<MemberView> removed = new ArrayList<>();
        boolean reading = false;
        for (CollectionMember m : members) {
            Rule rule = rules.get(key(m.getSource(), m.getRuleId()));
            reading |= histories.state(m.getSource()) == RuleHistories.State.READING;
            MemberView view;
            if (rule == null) {
                RuleVersion last = histories.summary(m.getSource(), m.getRuleId()).map(RuleSummary::newest).orElse(null);
                view = new MemberView(m, null, pinnedName(m), null, false, null, last);
                removed.add(view);
            } else {
                String hash = hashOf(catalog, rule);
                boolean differs = !hash.equals(m.getPinnedHash());
                RuleVersion.Changes changes = differs ? changes(catalog, m, texts.get(m.getPinnedHash()), rule) : null;
                RuleVersion newest = histories.summary(m.getSource(), m.getRuleId()).map(RuleSummary::newest).orElse(null);
                view = new MemberView(m, rule, pinnedName(m), currentName(rule, hash), differs, changes, newest);
                if (differs) {
                    changed.add(view);
                }
            }
            views.add(view);
        }
        return new CollectionView(collection, views, changed, removed, collections.log(collection.getId()), reading);
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

    private RuleVersion.Changes changes(Catalog catalog, CollectionMember m, String pinnedText, Rule current) {
        if (pinnedText == null) {
            return null;
        }
        Optional<VersionFacts> before = catalog.cache(PINNED_FACTS).get(m.getPinnedHash() + "\u0000" + m.getSource() + "\u0000" + m.getRuleId(),
                k -> ingest.rulesIn(m.getSource(), m.getPinnedPath(), pinnedText).stream().filter(r -> r.getRuleId().equals(m.getRuleId()))
                        .findFirst().map(r -> VersionFacts.of(r, analysis.analyzer(catalog.macros()).analyze(r))));
        if (before.isEmpty()) {
            return null;
        }
        VersionFacts now = catalog.cache(CURRENT_FACTS).get(current.getUid(),
                k -> VersionFacts.of(current, analysis.analyzer(catalog.macros()).analyze(current)));
        return now.since(before.get());
    }

    private static String hashOf(Catalog catalog, Rule rule) {
        return catalog.cache(HASHES).get(rule.getUid(), k -> PinnedText.hashOf(rule.getRaw() == null ? "" : rule.getRaw()));
    }

    private String currentName(Rule rule, String hash) {
        return histories.summary(rule.getSourceName(), rule.getRuleId()).map(RuleSummary::newest).filter(v -> v.blob() != null)
                .map(RuleVersion::commit).orElse("sha256:" + hash);
    }

    static String pinnedName(CollectionMember m) {
        return m.getPinnedCommit() != null ? m.getPinnedCommit() : "sha256:" + m.getPinnedHash();
    }

    static String key(String source, String ruleId) {
        return source + "\u0000" + ruleId;
    }
}
