package io.rulescope.web.convert;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rulescope.convert.Conversion;
import io.rulescope.convert.LogSource;
import io.rulescope.convert.SigmaConverter;
import io.rulescope.convert.Target;
import io.rulescope.dialect.AnalysisContext;
import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.Layout;
import io.rulescope.dialect.MappingException;
import io.rulescope.dialect.RuleDocument;
import io.rulescope.ingest.read.YamlReader;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/**
 * Sigma rules a user pastes, read as the untrusted input they are: the rule files' parser with its limits (safe
 * constructor, aliases, nesting, size), each document mapped and analysed by the dialect that recognises it, then
 * converted. Nothing pasted is kept.
 */
final class PastedRules {

    static final int MAX_BYTES = 256 * 1024;

    private static final YamlReader YAML = new YamlReader(MAX_BYTES);

    /** One pasted rule converted: its title and the conversion. */
    record Converted(String title, Conversion conversion) {
    }

    /**
     * What the paste gave: the rules converted, or why nothing could be.
     *
     * @param problem why the paste could not be read at all (with the line where there is one), or null
     * @param skipped each document that is not a Sigma rule, with why
     */
    record Result(List<Converted> rules, String problem, List<String> skipped) {

        public boolean readable() {
            return problem == null;
        }
    }

    private PastedRules() {
    }

    static Result convert(String text, Target target, FieldTaxonomy taxonomy) {
        if (text == null || text.isBlank()) {
            return new Result(List.of(), "nothing was pasted: paste a Sigma rule (YAML)", List.of());
        }
        YamlReader.Parsed parsed = YAML.parse(text.getBytes(StandardCharsets.UTF_8));
        if (parsed.failed()) {
            YamlReader.Failure f = parsed.failure();
            return new Result(List.of(), (f.line() > 0 ? "line " + f.line() + ": " : "") + f.reason(), List.of());
        }
        List<Converted> rules = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int number = 0;
        for (Object document : parsed.documents()) {
            number++;
            if (!(document instanceof Map<?, ?>)) {
                skipped.add("document " + number + " is not a mapping of keys to values");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) document;
            convert(doc, number, target, taxonomy, rules, skipped);
        }
        if (rules.isEmpty()) {
            return new Result(List.of(), skipped.isEmpty() ? "no Sigma rule was found in what was pasted" : String.join("; ", skipped), skipped);
        }
        return new Result(List.copyOf(rules), null, List.copyOf(skipped));
    }

    private static void convert(Map<String, Object> doc, int number, Target target, FieldTaxonomy taxonomy, List<Converted> rules,
            List<String> skipped) {
        Dialects.Recognised recognised = Dialects.recognise(doc).orElse(null);
        if (recognised == null || !(recognised.layout() instanceof Layout.RuleLayout layout)) {
            skipped.add("document " + number + " is not a rule" + (recognised != null && recognised.layout() instanceof Layout.Skipped s
                    ? " (" + s.reason() + ")" : ""));
            return;
        }
        if (!"Sigma".equals(recognised.dialect().platform())) {
            skipped.add("document " + number + " is a " + recognised.dialect().platform() + " rule; only Sigma rules convert");
            return;
        }
        try {
            Rule rule = recognised.dialect().map(doc, layout.format(), new Pasted(number));
            QueryAnalysis analysis = recognised.dialect().analyzer(new AnalysisContext(Map.of(), taxonomy)).analyze(rule);
            rules.add(new Converted(rule.getTitle(), SigmaConverter.convert(analysis, LogSource.of(rule), target)));
        } catch (MappingException e) {
            skipped.add("document " + number + ": " + e.getMessage());
        }
    }

    /** A pasted document as a dialect maps one: it belongs to no source, and its warnings are not kept. */
    private record Pasted(int number) implements RuleDocument {

        @Override
        public String raw() {
            return "";
        }

        @Override
        public void warn(String warning) {
        }

        @Override
        public Rule newRule(String declaredId, String title, RuleFormat format) {
            if (title == null) {
                throw new MappingException("missing required field '" + format.titleField() + "'");
            }
            return new Rule("pasted-" + number, declaredId == null ? "pasted-" + number : declaredId, declaredId == null, title.strip(), format);
        }

        @Override
        public LocalDate date(Map<String, Object> doc, String key) {
            return null;
        }

        @Override
        public List<String> techniqueIds(List<String> refs) {
            return List.of();
        }
    }
}
