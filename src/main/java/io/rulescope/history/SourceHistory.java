package io.rulescope.history;

import java.util.List;
import java.util.Map;

/**
 * The history of every rule of one source up to one commit: the versions of each rule (by the id the rule gives
 * itself), oldest first, and what the next incremental read needs to carry on from {@code head}.
 *
 * @param latest per rule id, what its newest version tests (the base for the next version's changes)
 * @param rulesAtPath per file, the ids of the rules it held at {@code head} (to know which rules a deletion removes)
 */
public record SourceHistory(String source, String head, int commits, Map<String, List<RuleVersion>> versions,
        Map<String, VersionFacts> latest, Map<String, List<String>> rulesAtPath) {

    public List<RuleVersion> of(String ruleId) {
        return versions.getOrDefault(ruleId, List.of());
    }
}
