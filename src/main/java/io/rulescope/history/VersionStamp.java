package io.rulescope.history;

import java.time.Instant;

/** A version without its details: enough to count and order a period's changes before any of them is shown. */
public record VersionStamp(String source, String ruleId, int ordinal, RuleVersion.Kind kind, String commit, Instant date) {
}
