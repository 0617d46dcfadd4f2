package io.rulescope.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

/**
 * The Sigma rules of a search taken to one target, for a file the SIEM imports: those that convert, and a report
 * of those that do not, each with why.
 *
 * @param otherPlatforms how many rules of the search are not Sigma rules, which do not convert
 */
public record RuleExport(Target target, List<Exported> converted, List<Refused> refused, int otherPlatforms) {

    /** A rule and its one query for the target. */
    public record Exported(Rule rule, String query) {
    }

    /** A Sigma rule the target cannot express, with each construct named. */
    public record Refused(Rule rule, List<String> reasons) {
    }

    public static RuleExport of(List<Rule> rules, Function<Rule, QueryAnalysis> analyses, Target target) {
        List<Exported> converted = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        int others = 0;
        for (Rule rule : rules) {
            if (!"Sigma".equals(rule.getPlatform())) {
                others++;
                continue;
            }
            Conversion c = SigmaConverter.convert(analyses.apply(rule), LogSource.of(rule), target);
            if (c.isComplete() && !c.queries().isEmpty()) {
                converted.add(new Exported(rule, c.queries().get(0)));
            } else {
                refused.add(new Refused(rule, c.unsupported()));
            }
        }
        return new RuleExport(target, List.copyOf(converted), List.copyOf(refused), others);
    }
}
