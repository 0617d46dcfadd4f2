package io.rulescope.dialect.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;


import io.rulescope.dialect.Yamls;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Maps Sigma rules, correlation rules and filters; merges the global part of old multi-document collections. */
final class SigmaMapper {

    private SigmaMapper() {
    }

    static Rule map(Map<String, Object> doc, RuleFormat format, RuleDocument ctx) {
        Rule rule = ctx.newRule(Yamls.str(doc, "id"), Yamls.str(doc, "title"), format);
        rule.setStatus(Yamls.str(doc, "status"));
        rule.setAlias(Yamls.str(doc, "name"));
        rule.setSeverity(lower(Yamls.str(doc, "level")));
        rule.setAuthor(Yamls.str(doc, "author"));
        rule.setDescription(Yamls.text(doc, "description"));
        rule.setReferences(Yamls.list(doc, "references"));
        rule.setKnownFalsePositives(bulleted(Yamls.list(doc, "falsepositives")));
        rule.setCreated(ctx.date(doc, "date"));
        rule.setModified(ctx.date(doc, "modified"));
        Map<String, Object> logsource = Yamls.map(doc, "logsource");
        rule.setLogsource(Yamls.str(logsource, "product"), Yamls.str(logsource, "category"), Yamls.str(logsource, "service"));
        List<String> techniques = new ArrayList<>();
        List<String> tactics = new ArrayList<>();
        for (String tag : Yamls.list(doc, "tags")) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (!t.startsWith("attack.")) {
                continue;
            }
            String value = t.substring("attack.".length());
            if (value.matches("t\\d{4}(\\.\\d{3})?")) {
                techniques.add(value);
            } else if (!value.matches("[gs]\\d{4}")) {
                tactics.add(value);
            }
        }
        rule.setTechniqueIds(ctx.techniqueIds(techniques));
        rule.setTacticHints(tactics);
        if (format == SigmaDialect.CORRELATION) {
            mapCorrelation(Yamls.map(doc, "correlation"), rule, ctx);
        } else if (format == SigmaDialect.FILTER) {
            Map<String, Object> filter = Yamls.map(doc, "filter");
            rule.setRelatedRules(Yamls.list(filter, "rules"));
            rule.setRuleType("filter");
            rule.setDetection(filter);
            rule.setQuery(ctx.raw());
        } else {
            rule.setRuleType("detection");
            rule.setDetection(Yamls.map(doc, "detection"));
            rule.setQuery(ctx.raw());
        }
        return rule;
    }

    private static void mapCorrelation(Map<String, Object> correlation, Rule rule, RuleDocument ctx) {
        rule.setRuleType(Yamls.str(correlation, "type"));
        rule.setRelatedRules(Yamls.list(correlation, "rules"));
        rule.setGroupBy(Yamls.list(correlation, "group-by"));
        rule.setTimespan(Yamls.str(correlation, "timespan"));
        Object condition = correlation.get("condition");
        if (condition instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((op, value) -> parts.add(op + " " + value));
            rule.setCorrelationCondition(String.join(", ", parts));
        } else {
            rule.setCorrelationCondition(Yamls.scalar(condition));
        }
        rule.setQuery(ctx.raw());
    }

    private static String bulleted(List<String> items) {
        return items.isEmpty() ? null : String.join("\n", items);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
