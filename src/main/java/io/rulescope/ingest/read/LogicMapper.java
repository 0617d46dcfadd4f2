package io.rulescope.ingest.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.Layout;
import io.rulescope.dialect.Yamls;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Maps the generic layout: {@code logic} written in the language named by {@code logic_format}, ATT&CK as
 * {@code technique_id} plus {@code techniques} entries of the form {@code tactic:technique name}.
 */
public final class LogicMapper {

    /** Each language name a {@code logic_format} may give, to its platform and language code, from the dialects. */
    private static final Map<String, String[]> PLATFORMS = platforms();

    private static Map<String, String[]> platforms() {
        Map<String, String[]> platforms = new java.util.HashMap<>();
        for (Dialect dialect : Dialects.all()) {
            dialect.languageNames().forEach((name, language) -> platforms.put(name, new String[] { dialect.platform(), language }));
        }
        return Map.copyOf(platforms);
    }

    private LogicMapper() {
    }

    static final Layout LAYOUT = new Layout.RuleLayout(RuleFormat.LOGIC);

    /** Whether a document no dialect recognised is in the generic layout. */
    static boolean recognises(Map<?, ?> doc) {
        return doc.get("logic") != null && (doc.containsKey("logic_format") || doc.containsKey("title"));
    }

    static Rule map(Map<String, Object> doc, MappingContext ctx) {
        Rule rule = ctx.newRule(Yamls.str(doc, "id"), Yamls.str(doc, "title"), RuleFormat.LOGIC);
        String logicFormat = Yamls.str(doc, "logic_format");
        String[] platform = logicFormat == null ? null : PLATFORMS.get(logicFormat.toLowerCase(Locale.ROOT));
        if (platform != null) {
            rule.setPlatform(platform[0]);
            rule.setLanguage(platform[1]);
        } else {
            rule.setPlatform(logicFormat == null ? "Unknown" : logicFormat);
            rule.setLanguage(logicFormat == null ? "unknown" : logicFormat.toLowerCase(Locale.ROOT));
            ctx.warn(logicFormat == null ? "no logic_format; the query language is unknown"
                    : "logic_format '" + Yamls.abbreviate(logicFormat) + "' is not one Rulescope knows; shown as is");
        }
        rule.setQuery(Yamls.text(doc, "logic"));
        Dialects.of(rule).ifPresent(dialect -> dialect.complete(rule, ctx));
        rule.setDescription(Yamls.text(doc, "description"));
        rule.setStatus(Yamls.str(doc, "status"));
        rule.setSeverity(lower(Yamls.str(doc, "severity")));
        rule.setAuthor(Yamls.str(doc, "author"));
        rule.setReferences(Yamls.list(doc, "references"));
        rule.setDataSources(Yamls.list(doc, "data_category"));
        rule.setKnownFalsePositives(Yamls.text(doc, "false_positives"));
        rule.setCreated(ctx.date(doc, "date"));
        rule.setModified(ctx.date(doc, "modified"));
        rule.setTechniqueIds(ctx.techniqueIds(Yamls.list(doc, "technique_id")));
        List<String> tactics = new ArrayList<>();
        for (String pair : Yamls.list(doc, "techniques")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                tactics.add(pair.substring(0, colon).strip());
            }
        }
        rule.setTacticHints(tactics);
        return rule;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
