package io.rulescope.search;

import java.util.List;

import io.rulescope.rule.Permalinks;

/** A rule as lists show it, read straight from the index. */
public record RuleSummary(String uid, String ruleId, String title, String platform, String severity, String status,
        String source, List<String> techniques, String description, String date) {

    public String permalink() {
        return Permalinks.of(ruleId);
    }
}
