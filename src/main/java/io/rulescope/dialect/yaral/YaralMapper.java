package io.rulescope.dialect.yaral;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rulescope.dialect.RuleDocument;
import io.rulescope.dialect.Yamls;
import io.rulescope.rule.Rule;

/**
 * Maps one YARA-L rule as {@link YaralDialect#read} gives it: the {@code meta:} section for its facts (Google's
 * community rules name ATT&CK by {@code technique}, {@code mitre_attack_url} and an outcome variable), the rule's own
 * text as its query, the match section for its group-by and window.
 */
final class YaralMapper {

    /** A technique id, or one written as an ATT&CK address ({@code techniques/T1078/004}). */
    private static final Pattern TECHNIQUE = Pattern.compile("\\bT(\\d{4})(?:[./](\\d{3}))?\\b");
    private static final Pattern OUTCOME_TECHNIQUE = Pattern.compile("\\$mitre_attack_technique_id\\s*=\\s*\"([^\"]*)\"");

    private YaralMapper() {
    }

    static Rule map(Map<String, Object> doc, RuleDocument ctx) {
        Map<String, Object> meta = Yamls.map(doc, "meta");
        String name = Yamls.str(doc, "rule");
        String title = Yamls.str(meta, "rule_name") != null ? Yamls.str(meta, "rule_name") : name;
        Rule rule = ctx.newRule(Yamls.str(meta, "rule_id"), title, YaralDialect.YARAL);
        rule.setAlias(name);
        rule.setDescription(Yamls.text(meta, "description"));
        rule.setAuthor(Yamls.str(meta, "author"));
        rule.setSeverity(lower(Yamls.str(meta, "severity")));
        rule.setRuleType(lower(Yamls.str(meta, "type")));
        rule.setQuery(Yamls.str(doc, "text"));
        List<String> references = new ArrayList<>(Yamls.list(meta, "reference"));
        references.addAll(Yamls.list(meta, "references"));
        rule.setReferences(references);
        String falsePositives = Yamls.text(meta, "false_positives") != null ? Yamls.text(meta, "false_positives")
                : Yamls.text(meta, "falsepositives");
        rule.setKnownFalsePositives(falsePositives);
        List<String> sources = new ArrayList<>(Yamls.list(meta, "data_source"));
        sources.addAll(Yamls.list(meta, "platform").stream().filter(p -> !sources.contains(p)).toList());
        rule.setDataSources(sources);
        rule.setStories(Yamls.list(meta, "tags"));
        rule.setTechniqueIds(ctx.techniqueIds(techniques(meta, Yamls.str(doc, "outcome"))));
        List<String> tactics = new ArrayList<>(Yamls.list(meta, "tactic"));
        tactics.addAll(Yamls.list(meta, "mitre_attack_tactic"));
        rule.setTacticHints(tactics.stream().map(t -> t.strip().toLowerCase(Locale.ROOT).replace(' ', '-')).distinct().toList());
        YaralMatch match = YaralMatch.of(Yamls.str(doc, "match"));
        rule.setTimespan(match.window());
        return rule;
    }

    private static List<String> techniques(Map<String, Object> meta, String outcome) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> written = new ArrayList<>(Yamls.list(meta, "technique"));
        written.addAll(Yamls.list(meta, "mitre_attack_url"));
        if (outcome != null) {
            Matcher m = OUTCOME_TECHNIQUE.matcher(outcome);
            while (m.find()) {
                written.add(m.group(1));
            }
        }
        for (String text : written) {
            Matcher m = TECHNIQUE.matcher(text);
            while (m.find()) {
                ids.add("T" + m.group(1) + (m.group(2) == null ? "" : "." + m.group(2)));
            }
        }
        return List.copyOf(ids);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
