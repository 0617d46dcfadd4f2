package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rulescope.dialect.Yamls;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Maps Splunk security_content detections, both the 2024 layout (facts under {@code tags:}) and the 2026 one. */
final class EscuMapper {

    private EscuMapper() {
    }

    static Rule map(Map<String, Object> doc, RuleFormat format, RuleDocument ctx) {
        boolean old = format == SplDialect.ESCU_2024;
        Map<String, Object> facts = old ? Yamls.map(doc, "tags") : doc;
        Rule rule = ctx.newRule(Yamls.str(doc, "id"), Yamls.str(doc, "name"), format);
        rule.setStatus(Yamls.str(doc, "status"));
        rule.setRuleType(Yamls.str(doc, "type"));
        rule.setAuthor(Yamls.str(doc, "author"));
        rule.setDescription(Yamls.text(doc, "description"));
        rule.setHowToImplement(Yamls.text(doc, "how_to_implement"));
        rule.setKnownFalsePositives(Yamls.text(doc, "known_false_positives"));
        rule.setReferences(Yamls.list(doc, "references"));
        rule.setQuery(Yamls.str(doc, "search"));
        rule.setGroupBy(SplFacts.groupBy(rule.getQuery(), ctx));
        rule.setDataSources(Yamls.list(doc, "data_source"));
        rule.setStories(Yamls.list(facts, "analytic_story"));
        rule.setTechniqueIds(ctx.techniqueIds(Yamls.list(facts, "mitre_attack_id")));
        // ESCU's "date" is when a detection was last updated (research.splunk.com labels it so), not when it was made.
        if (old) {
            rule.setModified(ctx.date(doc, "date"));
        } else {
            rule.setCreated(ctx.date(doc, "creation_date"));
            rule.setModified(ctx.date(doc, doc.containsKey("modification_date") ? "modification_date" : "date"));
        }
        rule.setSeverity(severity(doc, facts));
        return rule;
    }

    /**
     * Splunk states risk as a score from 0 to 100 ({@code tags.risk_score} in 2024; per entity under {@code finding}
     * or {@code rba} later); its tooling names the bands informational, low, medium, high and critical.
     */
    static String severity(Map<String, Object> doc, Map<String, Object> facts) {
        List<Object> scores = new ArrayList<>();
        scores.add(facts.get("risk_score"));
        Map<String, Object> finding = Yamls.map(doc, "finding");
        scores.add(Yamls.map(finding, "entity").get("score"));
        collectScores(finding.get("entities"), scores);
        collectScores(Yamls.map(doc, "rba").get("risk_objects"), scores);
        int best = -1;
        for (Object score : scores) {
            String s = Yamls.scalar(score);
            if (s != null && s.matches("\\d{1,3}")) {
                best = Math.max(best, Integer.parseInt(s));
            }
        }
        if (best < 0) {
            String explicit = Yamls.str(doc, "severity");
            return explicit == null ? null : explicit.toLowerCase(java.util.Locale.ROOT);
        }
        return best <= 20 ? "informational" : best <= 40 ? "low" : best <= 60 ? "medium" : best <= 80 ? "high" : "critical";
    }

    private static void collectScores(Object list, List<Object> scores) {
        if (list instanceof List<?> items) {
            items.forEach(item -> scores.add(Yamls.map(item).get("score")));
        }
    }
}
