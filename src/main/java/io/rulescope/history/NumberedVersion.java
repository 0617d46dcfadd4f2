package io.rulescope.history;

/**
 * One version of one rule with its place in the rule's history.
 *
 * @param ordinal 0 for the rule's first version, counting up
 */
public record NumberedVersion(String ruleId, int ordinal, RuleVersion version) {
}
