package io.rulescope.rule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one catalog, with the lookups pages make: by key, by the id the rule gives itself, by alias and by
 * file. Built once per catalog and never changed, so every lookup is a hash map read.
 */
public final class RuleSet {

    public static final RuleSet EMPTY = new RuleSet(List.of());

    private static final Comparator<Rule> BY_PLACE = Comparator.comparing(Rule::getSourceName)
            .thenComparing(Rule::getSourcePath).thenComparingInt(Rule::getDocIndex);

    private final List<Rule> all;
    private final Map<String, Rule> byUid = new HashMap<>();
    private final Map<String, List<Rule>> byRuleId = new HashMap<>();
    private final Map<String, List<Rule>> byAlias = new HashMap<>();
    private final Map<String, List<Rule>> byPath = new HashMap<>();

    private RuleSet(List<Rule> rules) {
        this.all = List.copyOf(rules);
        for (Rule rule : all) {
            byUid.put(rule.getUid(), rule);
            byRuleId.computeIfAbsent(rule.getRuleId(), k -> new ArrayList<>(1)).add(rule);
            if (rule.getAlias() != null) {
                byAlias.computeIfAbsent(rule.getAlias(), k -> new ArrayList<>(1)).add(rule);
            }
            byPath.computeIfAbsent(pathKey(rule.getSourceName(), rule.getSourcePath()), k -> new ArrayList<>(1)).add(rule);
        }
        for (Map<String, List<Rule>> map : List.of(byRuleId, byAlias, byPath)) {
            map.replaceAll((k, list) -> {
                list.sort(BY_PLACE);
                return List.copyOf(list);
            });
        }
    }

    /** The rules of a catalog; from here on they cannot change ({@link Rule#freeze}). */
    public static RuleSet of(Collection<Rule> rules) {
        rules.forEach(Rule::freeze);
        return rules.isEmpty() ? EMPTY : new RuleSet(List.copyOf(rules));
    }

    private static String pathKey(String source, String path) {
        return source + "\u0000" + path;
    }

    public List<Rule> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    public Rule byUid(String uid) {
        return byUid.get(uid);
    }

    /** Rules that give themselves this id, ordered by source, path and document. */
    public List<Rule> withId(String ruleId) {
        return byRuleId.getOrDefault(ruleId, List.of());
    }

    /** Rules known by this alias (a Sigma {@code name}). */
    public List<Rule> withAlias(String alias) {
        return byAlias.getOrDefault(alias, List.of());
    }

    /** The rules of one file, in document order. */
    public List<Rule> atPath(String source, String path) {
        return byPath.getOrDefault(pathKey(source, path), List.of());
    }

    /** The rules with these keys that exist, in the order given. */
    public List<Rule> byUids(Collection<String> uids) {
        List<Rule> out = new ArrayList<>(uids.size());
        for (String uid : uids) {
            Rule rule = byUid.get(uid);
            if (rule != null) {
                out.add(rule);
            }
        }
        return out;
    }
}
