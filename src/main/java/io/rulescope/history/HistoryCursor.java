package io.rulescope.history;

import java.util.List;
import java.util.Map;

/**
 * Where the reading of one source's history stopped, and what the next read needs to carry on from there without
 * the versions themselves: the newest facts of each rule (the base of its next version's changes), the rules each
 * file held, and how many versions each rule has and how its last one changed it.
 *
 * @param firstCommit the first commit read: the rules it brought are the source's import
 * @param latest per rule id, what its newest version tests
 * @param rulesAtPath per file, the ids of the rules it held at {@code head} (to know which rules a deletion removes)
 * @param tips per rule id, its number of versions and the kind of its last
 */
public record HistoryCursor(String source, String head, int commits, String firstCommit, Map<String, VersionFacts> latest,
        Map<String, List<String>> rulesAtPath, Map<String, Tip> tips) {

    /** A rule's last version, as the next read needs it: how many there are, and whether the last removed it. */
    public record Tip(int versions, RuleVersion.Kind lastKind) {
    }
}
