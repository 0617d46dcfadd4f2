package io.rulescope.collection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.rulescope.history.GitBlobId;
import io.rulescope.history.RuleHistories;
import io.rulescope.history.RuleSummary;
import io.rulescope.history.RuleVersion;
import io.rulescope.rule.Rule;

/**
 * Collections and their members, each change recorded in the collection's log with who made it. Callers resolve what
 * users typed into rules of the catalog first; this class pins and records.
 */
@Service
@Transactional
public class Collections {

    public static final int MAX_MEMBERS = 10_000;
    static final int LOG_SHOWN = 200;

    private final RuleCollectionRepository collections;
    private final CollectionMemberRepository members;
    private final PinnedTextRepository texts;
    private final CollectionEventRepository events;
    private final RuleHistories histories;
    private final Clock clock;

    Collections(RuleCollectionRepository collections, CollectionMemberRepository members, PinnedTextRepository texts,
            CollectionEventRepository events, RuleHistories histories, Optional<Clock> clock) {
        this.collections = collections;
        this.members = members;
        this.texts = texts;
        this.events = events;
        this.histories = histories;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A collection as lists show it. */
    public record Summary(long id, String name, String description, long size) {
    }

    /**
     * Every collection, its size counted over the sources the reader may see ({@code visibleSource}): a member from a
     * private source is not even a number to someone who may not read it.
     */
    @Transactional(readOnly = true)
    public List<Summary> list(Predicate<String> visibleSource) {
        Map<Long, Long> sizes = new HashMap<>();
        for (Object[] row : members.sizesBySource()) {
            if (visibleSource.test((String) row[1])) {
                sizes.merge((Long) row[0], (Long) row[2], Long::sum);
            }
        }
        return collections.findAllByOrderByNameKey().stream()
                .map(c -> new Summary(c.getId(), c.getName(), c.getDescription(), sizes.getOrDefault(c.getId(), 0L))).toList();
    }

    @Transactional(readOnly = true)
    public Optional<RuleCollection> find(long id) {
        return collections.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<RuleCollection> named(String name) {
        return collections.findByNameKey(RuleCollection.keyOf(name));
    }

    public RuleCollection create(String name, String description, String actor) {
        checkNaming(name, description);
        if (named(name).isPresent()) {
            throw new CollectionProblem(CollectionProblem.Kind.CONFLICT, "A collection named '" + name.strip() + "' exists already.");
        }
        try {
            RuleCollection created = collections.save(new RuleCollection(name, description, actor, now()));
            record(created, actor, "created the collection");
            return created;
        } catch (DataIntegrityViolationException e) {
            throw new CollectionProblem(CollectionProblem.Kind.CONFLICT, "A collection named '" + name.strip() + "' exists already.");
        }
    }

    public RuleCollection update(long id, String name, String description, String actor) {
        checkNaming(name, description);
        RuleCollection collection = existing(id);
        Optional<RuleCollection> other = named(name).filter(c -> !c.getId().equals(collection.getId()));
        if (other.isPresent()) {
            throw new CollectionProblem(CollectionProblem.Kind.CONFLICT, "A collection named '" + name.strip() + "' exists already.");
        }
        String before = collection.getName();
        collection.rename(name, description);
        record(collection, actor, before.equals(collection.getName()) ? "changed the description"
                : "renamed the collection from '" + before + "' to '" + collection.getName() + "'");
        return collection;
    }

    public void delete(long id, String actor) {
        existing(id);
        members.deleteInCollection(id);
        events.deleteInCollection(id);
        collections.deleteWithId(id);
    }

    /** What adding rules did: rules added, and rules already in the collection (their pins left as they were). */
    public record Added(List<CollectionMember> added, List<CollectionMember> present) {
    }

    public Added add(long id, Collection<Rule> rules, String actor) {
        RuleCollection collection = existing(id);
        Map<String, CollectionMember> current = new HashMap<>();
        for (CollectionMember m : members.inCollection(id)) {
            current.put(key(m.getSource(), m.getRuleId()), m);
        }
        List<CollectionMember> added = new ArrayList<>();
        List<CollectionMember> present = new ArrayList<>();
        Map<String, CollectionMember> adding = new LinkedHashMap<>();
        for (Rule rule : rules) {
            String key = key(rule.getSourceName(), rule.getRuleId());
            CollectionMember existing = current.get(key);
            if (existing != null) {
                present.add(existing);
            } else if (!adding.containsKey(key)) {
                adding.put(key, new CollectionMember(collection, rule.getSourceName(), rule.getRuleId(), pinOf(rule, actor)));
            }
        }
        if (current.size() + adding.size() > MAX_MEMBERS) {
            // Not how many it has: some may come from private sources the user may not see.
            throw new CollectionProblem(CollectionProblem.Kind.INVALID, "A collection holds at most " + MAX_MEMBERS
                    + " rules; adding these " + adding.size() + " would pass that.");
        }
        added.addAll(members.saveAll(adding.values()));
        // One event per source, so that a log can leave out what a reader may not see and still count the rest right.
        Map<String, List<CollectionMember>> bySource = new LinkedHashMap<>();
        added.forEach(m -> bySource.computeIfAbsent(m.getSource(), k -> new ArrayList<>()).add(m));
        bySource.forEach((source, some) -> record(collection, actor,
                some.size() == 1 ? "added " + describe(some.get(0)) : "added " + some.size() + " rules", source));
        return new Added(added, present);
    }

    /** Removes the members with this rule id from the sources the user may see; false when there were none. */
    public boolean remove(long id, String ruleId, String actor, Predicate<String> visibleSource) {
        RuleCollection collection = existing(id);
        List<CollectionMember> found = members.byRuleId(id, ruleId).stream().filter(m -> visibleSource.test(m.getSource())).toList();
        found.forEach(members::delete);
        for (CollectionMember m : found) {
            record(collection, actor, "removed " + describe(m), m.getSource());
        }
        return !found.isEmpty();
    }

    /** Moves a member's pin to the rule as the catalog has it now: the team has reviewed what changed upstream. */
    public Optional<CollectionMember> review(long id, Rule current, String actor) {
        RuleCollection collection = existing(id);
        Optional<CollectionMember> member = members.find(id, current.getSourceName(), current.getRuleId());
        member.ifPresent(m -> {
            CollectionMember.Pin before = m.pin();
            m.pin(pinOf(current, actor));
            record(collection, actor, "reviewed " + describe(m) + ": pin moved from " + versionName(before, m.pin()), m.getSource());
        });
        return member;
    }

    @Transactional(readOnly = true)
    public List<CollectionMember> members(long id) {
        return members.inCollection(id);
    }

    /** The texts of pinned versions, by content hash. */
    @Transactional(readOnly = true)
    public Map<String, String> pinnedTexts(Collection<String> hashes) {
        Map<String, String> byHash = new HashMap<>();
        for (PinnedText t : texts.findAllByHashIn(hashes)) {
            byHash.put(t.getHash(), t.getText());
        }
        return byHash;
    }

    /** The newest events, less those about sources the reader may not see. */
    @Transactional(readOnly = true)
    public List<CollectionEvent> log(long id, Predicate<String> visibleSource) {
        return events.findByCollectionIdOrderByHappenedAtDescIdDesc(id, PageRequest.of(0, LOG_SHOWN)).stream()
                .filter(e -> e.getSource() == null || visibleSource.test(e.getSource())).toList();
    }

    private CollectionMember.Pin pinOf(Rule rule, String actor) {
        String raw = rule.getRaw() == null ? "" : rule.getRaw();
        String hash = PinnedText.hashOf(raw);
        if (!texts.existsById(hash)) {
            texts.save(new PinnedText(raw));
        }
        // The history's newest version is the catalog's only once the history has caught up: a commit is pinned when
        // that version's file is exactly the text the catalog serves.
        RuleVersion newest = histories.summary(rule.getSourceName(), rule.getRuleId()).map(RuleSummary::newest)
                .filter(v -> GitBlobId.matches(v, raw)).orElse(null);
        return new CollectionMember.Pin(rule.getTitle() == null ? rule.getRuleId() : rule.getTitle(), hash,
                rule.getSourcePath() == null ? "" : rule.getSourcePath(), newest == null ? null : newest.commit(),
                newest == null ? null : newest.date(), actor, now());
    }

    private RuleCollection existing(long id) {
        return collections.findById(id)
                .orElseThrow(() -> new CollectionProblem(CollectionProblem.Kind.NOT_FOUND, "There is no collection " + id + "."));
    }

    private void record(RuleCollection collection, String actor, String what) {
        record(collection, actor, what, null);
    }

    private void record(RuleCollection collection, String actor, String what, String source) {
        collection.changed(now());
        events.save(new CollectionEvent(collection.getId(), actor, now(), what, source));
    }

    private static void checkNaming(String name, String description) {
        if (name == null || name.isBlank()) {
            throw new CollectionProblem(CollectionProblem.Kind.INVALID, "A collection needs a name.");
        }
        if (name.strip().length() > RuleCollection.MAX_NAME) {
            throw new CollectionProblem(CollectionProblem.Kind.INVALID, "A collection's name has at most " + RuleCollection.MAX_NAME + " characters.");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new CollectionProblem(CollectionProblem.Kind.INVALID, "A collection's name is one line of text.");
        }
        if (description != null && description.strip().length() > RuleCollection.MAX_DESCRIPTION) {
            throw new CollectionProblem(CollectionProblem.Kind.INVALID,
                    "A collection's description has at most " + RuleCollection.MAX_DESCRIPTION + " characters.");
        }
    }

    private static String describe(CollectionMember m) {
        return "'" + m.getTitle() + "' (" + m.getRuleId() + ")";
    }

    /** Commits name versions where both pins have one and they differ; otherwise the content hashes do. */
    private static String versionName(CollectionMember.Pin from, CollectionMember.Pin to) {
        boolean byCommit = from.commit() != null && to.commit() != null && !from.commit().equals(to.commit());
        return byCommit ? abbreviate(from.commit()) + " to " + abbreviate(to.commit())
                : abbreviate(from.hash()) + " to " + abbreviate(to.hash());
    }

    private static String abbreviate(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    private static String key(String source, String ruleId) {
        return source + "\u0000" + ruleId;
    }

    private Instant now() {
        return clock.instant();
    }
}
