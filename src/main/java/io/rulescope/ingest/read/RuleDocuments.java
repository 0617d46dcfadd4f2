package io.rulescope.ingest.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.dialect.Dialect;
import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.Layout;
import io.rulescope.dialect.MappingException;
import io.rulescope.dialect.Yamls;
import io.rulescope.ingest.source.RuleFileNames;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.rule.Rule;

/** Turns one parsed file into rules, supporting data and problems; never throws for anything a file contains. */
public final class RuleDocuments {

    private RuleDocuments() {
    }

    public static FileResult map(FileResult result) {
        if (result.parsed() == null) {
            return result;
        }
        SourceFile file = result.file();
        String source = file.source().name();
        YamlReader.Parsed parsed = result.parsed();
        List<IngestProblem> problems = new ArrayList<>(result.problems());
        if (parsed.failed()) {
            YamlReader.Failure f = parsed.failure();
            problems.add(IngestProblem.error(source, file.path(), f.line(), f.column(), f.reason()));
            return new FileResult(file, null, List.of(), problems, null);
        }
        if (parsed.warning() != null) {
            problems.add(IngestProblem.warning(source, file.path(), parsed.warning()));
        }
        List<Rule> rules = new ArrayList<>();
        SupportingData support = null;
        Map<String, Object> header = null;
        Dialect collection = null;
        String headerText = null;
        List<Object> documents = parsed.documents();
        List<String> texts = documents.size() > 1 && RuleFileNames.isYaml(file.path()) ? YamlReader.documentTexts(parsed.text()) : null;
        if (texts != null && texts.size() != documents.size()) {
            texts = null;
        }
        for (int i = 0; i < documents.size(); i++) {
            if (!(documents.get(i) instanceof Map<?, ?> raw)) {
                continue;
            }
            Map<String, Object> document = Yamls.map(raw);
            Optional<Dialects.Recognised> recognised = Dialects.recognise(document);
            if (recognised.isPresent() && recognised.get().layout() instanceof Layout.CollectionHeader) {
                header = new java.util.LinkedHashMap<>(document);
                header.remove(((Layout.CollectionHeader) recognised.get().layout()).markerKey());
                collection = recognised.get().dialect();
                headerText = texts == null ? null : texts.get(i);
                continue;
            }
            if (header != null) {
                document = underHeader(header, document);
                recognised = Dialects.recognise(document);
            }
            String label = docLabel(i, documents.size());
            Layout layout = recognised.map(Dialects.Recognised::layout).orElseGet(() -> LogicMapper.recognises(raw) ? LogicMapper.LAYOUT : null);
            if (layout instanceof Layout.Skipped skipped) {
                problems.add(IngestProblem.skipped(source, file.path(), label + skipped.reason()));
            } else if (layout instanceof Layout.MacroDefinition || layout instanceof Layout.NamedText) {
                if (support == null) {
                    support = new SupportingData();
                }
                support.add(layout, source);
            } else if (layout instanceof Layout.RuleLayout rule) {
                MappingContext ctx = new MappingContext(file, i, texts == null ? parsed.text()
                        : headerText == null ? texts.get(i) : headerText + "\n---\n" + texts.get(i));
                Map<String, Object> doc = document;
                try {
                    rules.add(recognised.map(r -> r.dialect().map(doc, rule.format(), ctx)).orElseGet(() -> LogicMapper.map(doc, ctx)));
                } catch (MappingException e) {
                    problems.add(IngestProblem.error(source, file.path(), label + e.getMessage()));
                } catch (RuntimeException e) {
                    problems.add(IngestProblem.error(source, file.path(), label + "could not be read as " + rule.format().label() + ": " + e));
                }
                ctx.warnings().forEach(w -> problems.add(IngestProblem.warning(source, file.path(), label + w)));
            }
        }
        if (collection != null) {
            collection.nameCollectionRules(rules);
        }
        if (rules.isEmpty() && support == null
                && problems.stream().noneMatch(p -> p.level() == IngestProblem.Level.ERROR || p.level() == IngestProblem.Level.SKIPPED)) {
            problems.add(IngestProblem.skipped(source, file.path(), !documents.isEmpty() ? "not a rule"
                    : RuleFileNames.isYaml(file.path()) ? "not a rule: the file holds no YAML document (only comments or '---')"
                    : "not a rule: the file holds none"));
        }
        return new FileResult(file, null, List.copyOf(rules), List.copyOf(problems), support);
    }

    /** A collection's shared part merged under one of its documents: the document's own keys win, maps merge. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> underHeader(Map<String, Object> header, Map<String, Object> doc) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(header);
        doc.forEach((key, value) -> {
            Object base = merged.get(key);
            if (base instanceof Map<?, ?> b && value instanceof Map<?, ?> v) {
                merged.put(key, underHeader((Map<String, Object>) b, (Map<String, Object>) v));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static String docLabel(int index, int count) {
        return count > 1 ? "document " + (index + 1) + ": " : "";
    }
}
