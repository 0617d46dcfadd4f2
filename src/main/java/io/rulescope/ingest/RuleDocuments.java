package io.rulescope.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.MappingException;
import io.rulescope.dialect.Yamls;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;

/** Turns one parsed file into rules, supporting data and problems; never throws for anything a file contains. */
final class RuleDocuments {

    private RuleDocuments() {
    }

    static FileResult map(FileResult result) {
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
        Map<String, Object> global = null;
        String globalText = null;
        List<Object> documents = parsed.documents();
        List<String> texts = documents.size() > 1 ? YamlReader.documentTexts(parsed.text()) : null;
        if (texts != null && texts.size() != documents.size()) {
            texts = null;
        }
        for (int i = 0; i < documents.size(); i++) {
            Object document = documents.get(i);
            DocumentKind kind = DocumentKind.of(document);
            if (kind == DocumentKind.SIGMA_GLOBAL) {
                global = Yamls.map(document);
                globalText = texts == null ? null : texts.get(i);
                continue;
            }
            if (global != null && document instanceof Map<?, ?> m) {
                document = DocumentKind.merge(global, Yamls.map(m));
                kind = DocumentKind.of(document);
            }
            if (kind == DocumentKind.SENTINEL_MOVED) {
                problems.add(IngestProblem.skipped(source, file.path(), DocumentKind.movedReason(Yamls.map(document))));
                continue;
            }
            if (DocumentKind.SUPPORTING.contains(kind)) {
                if (support == null) {
                    support = new SupportingData();
                }
                support.add(kind, Yamls.map(document), source);
            } else if (kind.isRule()) {
                MappingContext ctx = new MappingContext(file, i, texts == null ? parsed.text()
                        : globalText == null ? texts.get(i) : globalText + "\n---\n" + texts.get(i));
                try {
                    Map<String, Object> doc = Yamls.map(document);
                    RuleFormat format = kind.format();
                    rules.add(Dialects.forFormat(format).map(dialect -> dialect.map(doc, format, ctx))
                            .orElseGet(() -> LogicMapper.map(doc, ctx)));
                } catch (MappingException e) {
                    problems.add(IngestProblem.error(source, file.path(), docLabel(i, documents.size()) + e.getMessage()));
                } catch (RuntimeException e) {
                    problems.add(IngestProblem.error(source, file.path(), docLabel(i, documents.size())
                            + "could not be read as " + kind.format().label() + ": " + e));
                }
                String label = docLabel(i, documents.size());
                ctx.warnings().forEach(w -> problems.add(IngestProblem.warning(source, file.path(), label + w)));
            }
        }
        if (global != null) {
            nameEachVariantByItsLogsource(rules);
        }
        if (rules.isEmpty() && support == null
                && problems.stream().noneMatch(p -> p.level() == IngestProblem.Level.ERROR || p.level() == IngestProblem.Level.SKIPPED)) {
            problems.add(IngestProblem.skipped(source, file.path(), documents.isEmpty()
                    ? "not a rule: the file holds no YAML document (only comments or '---')" : "not a rule"));
        }
        return new FileResult(file, null, List.copyOf(rules), List.copyOf(problems), support);
    }

    /**
     * A Sigma collection ({@code action: global}) gives one rule per log source, all with the collection's title; each
     * is named by its log source so lists do not show identical rows.
     */
    private static void nameEachVariantByItsLogsource(List<Rule> rules) {
        long distinctTitles = rules.stream().map(Rule::getTitle).distinct().count();
        if (rules.size() < 2 || distinctTitles == rules.size()) {
            return;
        }
        for (Rule rule : rules) {
            String logsource = java.util.stream.Stream.of(rule.getLogsourceCategory(), rule.getLogsourceProduct(), rule.getLogsourceService())
                    .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.joining(" / "));
            if (!logsource.isEmpty()) {
                rule.setTitle(rule.getTitle() + " (" + logsource + ")");
            }
        }
    }

    private static String docLabel(int index, int count) {
        return count > 1 ? "document " + (index + 1) + ": " : "";
    }
}
