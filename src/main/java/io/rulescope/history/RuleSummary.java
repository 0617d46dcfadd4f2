package io.rulescope.history;

/**
 * What a rule page says of a rule's history, kept in memory so that no rule page waits for the database.
 *
 * @param firstSeen the version that added the rule (the newest such: a rule removed and added again was first seen,
 *     this time, when it came back)
 * @param newest the newest version
 */
public record RuleSummary(int versions, RuleVersion firstSeen, RuleVersion newest) {
}
