package io.rulescope.dialect.elastic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rulescope.dialect.Yamls;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.rule.Rule;

/**
 * Maps Elastic detection rules (TOML, {@code [metadata]} and {@code [rule]}): every rule type, with the query
 * language it names. Machine learning rules have no query; their job is named instead.
 */
final class ElasticMapper {

    private static final String MACHINE_LEARNING = ElasticDialect.MACHINE_LEARNING;

    private ElasticMapper() {
    }

    static Rule map(Map<String, Object> doc, RuleDocument ctx) {
        Map<String, Object> meta = Yamls.map(doc, "metadata");
        Map<String, Object> r = Yamls.map(doc, "rule");
        Rule rule = ctx.newRule(Yamls.str(r, "rule_id"), Yamls.str(r, "name"), ElasticDialect.ELASTIC);
        String type = Yamls.str(r, "type");
        String language = Yamls.str(r, "language");
        if (MACHINE_LEARNING.equals(type)) {
            rule.setLanguage(MACHINE_LEARNING);
        } else {
            rule.setLanguage(language != null ? language.toLowerCase(Locale.ROOT) : "kuery");
            rule.setQuery(Yamls.text(r, "query"));
            if (rule.getQuery() == null) {
                ctx.warn("the rule has no query");
            }
        }
        rule.setRuleType(Yamls.str(r, "building_block_type") != null ? type + " (building block)" : type);
        rule.setDescription(Yamls.text(r, "description"));
        rule.setSeverity(lower(Yamls.str(r, "severity")));
        rule.setStatus(lower(Yamls.str(meta, "maturity")));
        rule.setAuthor(String.join(", ", Yamls.list(r, "author")).strip().isEmpty() ? null : String.join(", ", Yamls.list(r, "author")));
        rule.setCreated(ctx.date(meta, "creation_date"));
        rule.setModified(ctx.date(meta, "updated_date"));
        rule.setReferences(Yamls.list(r, "references"));
        List<String> falsePositives = Yamls.list(r, "false_positives");
        rule.setKnownFalsePositives(falsePositives.isEmpty() ? null : String.join("\n\n", falsePositives));
        rule.setHowToImplement(withoutHeading(Yamls.text(r, "setup"), "Setup"));
        rule.setInvestigationGuide(Yamls.text(r, "note"));
        rule.setDataSources(Yamls.list(r, "index"));
        rule.setStories(Yamls.list(r, "tags").stream().filter(t -> t.startsWith("Data Source: ") || t.startsWith("Use Case: "))
                .map(t -> t.substring(t.indexOf(": ") + 2)).distinct().toList());
        threat(r, rule, ctx);
        rule.setGroupBy(groupBy(r));
        rule.setSchedule(schedule(r, type));
        return rule;
    }

    /** Elastic's setup text opens with its own "## Setup", which the page's section already says. */
    static String withoutHeading(String markdown, String heading) {
        if (markdown == null) {
            return null;
        }
        String stripped = markdown.stripLeading();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^#{1,6}\\s*" + java.util.regex.Pattern.quote(heading) + "\\s*(\\R|$)",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(stripped);
        if (!m.find()) {
            return markdown;
        }
        String rest = stripped.substring(m.end()).strip();
        return rest.isEmpty() ? null : rest;
    }

    /** {@code [[rule.threat]]}: the tactic of each entry and its techniques and sub-techniques. */
    private static void threat(Map<String, Object> r, Rule rule, RuleDocument ctx) {
        Set<String> techniques = new LinkedHashSet<>();
        Set<String> tactics = new LinkedHashSet<>();
        if (r.get("threat") instanceof List<?> threats) {
            for (Object entry : threats) {
                Map<String, Object> threat = Yamls.map(entry);
                String tactic = Yamls.str(Yamls.map(threat, "tactic"), "name");
                if (tactic != null) {
                    tactics.add(tactic.toLowerCase(Locale.ROOT).replace(' ', '-'));
                }
                if (threat.get("technique") instanceof List<?> list) {
                    for (Object t : list) {
                        Map<String, Object> technique = Yamls.map(t);
                        String id = Yamls.str(technique, "id");
                        if (id != null) {
                            techniques.add(id);
                        }
                        if (technique.get("subtechnique") instanceof List<?> subs) {
                            subs.forEach(s -> {
                                String sub = Yamls.str(Yamls.map(s), "id");
                                if (sub != null) {
                                    techniques.add(sub);
                                }
                            });
                        }
                    }
                }
            }
        }
        rule.setTechniqueIds(ctx.techniqueIds(List.copyOf(techniques)));
        rule.setTacticHints(List.copyOf(tactics));
    }

    private static List<String> groupBy(Map<String, Object> r) {
        Map<String, Object> threshold = Yamls.map(r, "threshold");
        if (!threshold.isEmpty()) {
            return Yamls.list(threshold, "field");
        }
        return Yamls.list(Yamls.map(r, "new_terms"), "value");
    }

    /** "every 5m, looking back to now-9m; alerts when 25 or more events share user.name", in words. */
    private static String schedule(Map<String, Object> r, String type) {
        List<String> parts = new ArrayList<>();
        String interval = Yamls.str(r, "interval");
        String from = Yamls.str(r, "from");
        if (interval != null || from != null) {
            parts.add("every " + (interval != null ? interval : "5m") + (from != null ? ", looking back to " + from : ""));
        }
        Map<String, Object> threshold = Yamls.map(r, "threshold");
        if (!threshold.isEmpty()) {
            List<String> fields = Yamls.list(threshold, "field");
            parts.add("alerts when " + Yamls.str(threshold, "value") + " or more events" + (fields.isEmpty() ? "" : " share " + String.join(", ", fields)));
        }
        Map<String, Object> newTerms = Yamls.map(r, "new_terms");
        if (!newTerms.isEmpty()) {
            Object window = Yamls.list(newTerms, "history_window_start");
            parts.add("alerts on values of " + String.join(", ", Yamls.list(newTerms, "value")) + " not seen since " + window.toString().replaceAll("[\\[\\]]", ""));
        }
        if (MACHINE_LEARNING.equals(type)) {
            List<String> jobs = Yamls.list(r, "machine_learning_job_id");
            parts.add("anomalies scored " + Yamls.str(r, "anomaly_threshold") + " or more by the machine learning job" + (jobs.size() == 1 ? " " : "s ")
                    + String.join(", ", jobs));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
