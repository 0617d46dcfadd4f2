package io.rulescope.dialect;

import java.util.List;
import java.util.Optional;

import io.rulescope.dialect.elastic.ElasticDialect;
import io.rulescope.dialect.kql.KqlDialect;
import io.rulescope.dialect.sigma.SigmaDialect;
import io.rulescope.dialect.spl.SplDialect;
import io.rulescope.rule.Rule;

/** Every rule language Rulescope reads. A new language is its folder and one line here. */
public final class Dialects {

    /** In the order documents are offered to them: the first to recognise a document's layout maps it. */
    private static final List<Dialect> ALL = List.of(
            new SigmaDialect(),
            new ElasticDialect(),
            new KqlDialect(),
            new io.rulescope.dialect.yaral.YaralDialect(),
            new SplDialect());

    private Dialects() {
    }

    public static List<Dialect> all() {
        return ALL;
    }

    /** The dialect that maps documents of this layout, if one does (the generic layout belongs to none). */
    public static Optional<Dialect> forFormat(io.rulescope.rule.RuleFormat format) {
        for (Dialect dialect : ALL) {
            if (dialect.formats().contains(format)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /** The format with this name: one of a dialect's, or the generic one. */
    public static Optional<io.rulescope.rule.RuleFormat> format(String name) {
        if (io.rulescope.rule.RuleFormat.LOGIC.name().equals(name)) {
            return Optional.of(io.rulescope.rule.RuleFormat.LOGIC);
        }
        for (Dialect dialect : ALL) {
            for (io.rulescope.rule.RuleFormat format : dialect.formats()) {
                if (format.name().equals(name)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /** The first dialect's reading of this document's layout, and that dialect; empty when none recognises it. */
    public static Optional<Recognised> recognise(java.util.Map<String, Object> document) {
        for (Dialect dialect : ALL) {
            Optional<Layout> layout = dialect.recognise(document);
            if (layout.isPresent()) {
                return Optional.of(new Recognised(dialect, layout.get()));
            }
        }
        return Optional.empty();
    }

    /** A document's layout and the dialect that recognised it. */
    public record Recognised(Dialect dialect, Layout layout) {
    }

    /** The reader a dialect gives for files with this name, if one does (YAML and TOML files are read by ingest). */
    public static Optional<DocumentReader> readerFor(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        for (Dialect dialect : ALL) {
            for (java.util.Map.Entry<String, DocumentReader> e : dialect.fileReaders().entrySet()) {
                if (lower.endsWith(e.getKey())) {
                    return Optional.of(e.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** The file extensions dialects read beyond YAML and TOML, with their dots. */
    public static java.util.Set<String> extraFileExtensions() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        ALL.forEach(d -> all.addAll(d.fileReaders().keySet()));
        return all;
    }

    /** The writer of one query language ({@code spl}), from the dialect that owns it. */
    public static Optional<QueryWriter> writer(String language) {
        return ALL.stream().map(d -> d.writers().get(language)).filter(java.util.Objects::nonNull).findFirst();
    }

    /** The dialect that reads this rule's query, if any does. */
    public static Optional<Dialect> of(Rule rule) {
        for (Dialect dialect : ALL) {
            if (dialect.reads(rule)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }
}
