package io.rulescope.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.util.BytesRef;
import org.springframework.stereotype.Component;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.indicator.EventVocabulary;
import io.rulescope.indicator.Telemetry;
import io.rulescope.query.Indicator;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

/**
 * Writes the Lucene index of a catalog's rules. Each ingest writes a new one off to the side; {@link #open} makes the
 * {@link SearchIndex} that the catalog serves searches from.
 */
@Component
public class RuleIndex {

    static final String SEP = "\u001f";

    private final AttackCatalog attack;

    public RuleIndex(AttackCatalog attack) {
        this.attack = attack;
    }

    /**
     * Writes an index of these rules that searches do not see until {@link #publish}: ingest builds it while the
     * database is still being filled, so search never finds a rule its page cannot show yet. Documents are added from
     * the calling fork-join pool's threads (IndexWriter is thread-safe); ranking never depends on document order.
     */
    public Built build(Collection<Rule> rules, Function<Rule, QueryAnalysis> analyses) {
        return build(rules, analyses, (rule, analysis) -> Telemetry.NONE);
    }

    /** The index of these rules, each with what it reads ({@link Telemetry}) searchable and counted in facets. */
    public Built build(Collection<Rule> rules, Function<Rule, QueryAnalysis> analyses,
            java.util.function.BiFunction<Rule, QueryAnalysis, Telemetry> telemetry) {
        Directory target = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(IndexField.ANALYZER).setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64);
        try (IndexWriter writer = new IndexWriter(target, config)) {
            rules.parallelStream().forEach(rule -> {
                try {
                    QueryAnalysis analysis = analyses.apply(rule);
                    writer.addDocument(document(rule, analysis, telemetry.apply(rule, analysis)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            flushInParallel(writer);
            // Left in the segments the indexing threads wrote (usually two): merging them into one took 0.3-0.4 s
            // of a four-corpus start, and searches can run on two segments until merged() has made the one.
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the rule index", e);
        }
        return new Built(target);
    }

    /**
     * Writes each indexing thread's buffer as a segment, on the threads of the pool that filled them. Left to
     * {@code commit()}, the calling thread wrote them one after the other while the other core idled (index phase of
     * four corpora 1.78-1.82 s before, 1.60-1.79 s after).
     */
    private static void flushInParallel(IndexWriter writer) {
        IntStream.range(0, Runtime.getRuntime().availableProcessors()).parallel().forEach(i -> {
            try {
                while (writer.flushNextBuffer()) {
                    // one buffer written; take the next, if any is left
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * This index as one segment, so every search does its per-segment work (facet tables, term lookups) once: about
     * 15% of an uncached search's cost on the shared corpus. {@code built} itself when it already is one segment.
     */
    public Built merged(Built built) {
        if (!mergeable(built)) {
            return built;
        }
        try {
            Directory target = new ByteBuffersDirectory();
            copyAll(built.directory(), target);
            IndexWriterConfig config = new IndexWriterConfig(IndexField.ANALYZER).setOpenMode(IndexWriterConfig.OpenMode.APPEND);
            try (IndexWriter writer = new IndexWriter(target, config)) {
                writer.forceMerge(1);
                writer.commit();
            }
            return new Built(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the rule index", e);
        }
    }

    /**
     * A new index that is {@code previous} with some rules replaced: a copy of its files, the documents of
     * {@code removed} uids deleted and those of {@code changed} rules written again. A refresh that changed ten files
     * rewrites ten documents, not every rule's. {@code previous} must still be open (its catalog is still current).
     */
    public Built update(Built previous, Collection<String> removed, Collection<Rule> changed, Function<Rule, QueryAnalysis> analyses,
            java.util.function.BiFunction<Rule, QueryAnalysis, Telemetry> telemetry) {
        Directory target = new ByteBuffersDirectory();
        try {
            copyAll(previous.directory(), target);
            IndexWriterConfig config = new IndexWriterConfig(IndexField.ANALYZER).setOpenMode(IndexWriterConfig.OpenMode.APPEND);
            try (IndexWriter writer = new IndexWriter(target, config)) {
                for (String uid : removed) {
                    writer.deleteDocuments(new Term(IndexField.UID.field(), uid));
                }
                for (Rule rule : changed) {
                    QueryAnalysis analysis = analyses.apply(rule);
                    writer.updateDocument(new Term(IndexField.UID.field(), rule.getUid()), document(rule, analysis, telemetry.apply(rule, analysis)));
                }
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the rule index", e);
        }
        return new Built(target);
    }

    /** Opens a built index for searching; it stays open until the catalog holding it is released. */
    public SearchIndex open(Built built) {
        return SearchIndex.open(built.directory(), attack);
    }

    /** Opens an index that serves only until {@link #merged} replaces it: its wildcard tables are made on demand. */
    public SearchIndex openUntilMerged(Built built) {
        return SearchIndex.open(built.directory(), attack, false);
    }

    /** Whether {@link #merged} would make a new index of this one. */
    public boolean mergeable(Built built) {
        try {
            return SegmentInfos.readLatestCommit(built.directory()).size() > 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rule index", e);
        }
    }

    /** Copies every file of one index directory into another (a copy to change, save or load). */
    private static void copyAll(Directory from, Directory to) throws IOException {
        for (String file : from.listAll()) {
            to.copyFrom(from, file, file, IOContext.DEFAULT);
        }
    }

    /** An index written and committed but not yet searched. */
    public record Built(Directory directory) {

        /** Copies the index files into {@code folder}, which must not exist yet (a restart can open them again). */
        public void saveTo(Path folder) throws IOException {
            Files.createDirectories(folder);
            try (Directory target = FSDirectory.open(folder)) {
                copyAll(directory, target);
            }
        }

        /** Reads an index saved by {@link #saveTo} back into memory. */
        public static Built loadFrom(Path folder) throws IOException {
            Directory memory = new ByteBuffersDirectory();
            try (Directory source = FSDirectory.open(folder)) {
                copyAll(source, memory);
            }
            return new Built(memory);
        }
    }

    /**
     * Indicator values and bare search terms are many short values per rule and exist in only some rules: their
     * length says nothing about relevance, and sparse length norms made the flush of the postings cost seconds (the
     * postings writer reads a sparse field's norm for every document of every term). So they have none.
     */
    private static final org.apache.lucene.document.FieldType TEXT_WITHOUT_NORMS = textWithoutNorms();

    private static org.apache.lucene.document.FieldType textWithoutNorms() {
        org.apache.lucene.document.FieldType type = new org.apache.lucene.document.FieldType(TextField.TYPE_NOT_STORED);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    private Document document(Rule rule, QueryAnalysis analysis, Telemetry telemetry) {
        Document doc = new Document();
        doc.add(new StringField(IndexField.UID.field(), rule.getUid(), Field.Store.YES));
        doc.add(new StringField(IndexField.RULE_ID.field(), IndexField.bounded(rule.getRuleId()), Field.Store.YES));
        doc.add(new StringField(IndexField.RULE_ID.field(), IndexField.keyword(rule.getRuleId()), Field.Store.NO));
        doc.add(new TextField(IndexField.TITLE.field(), rule.getTitle(), Field.Store.NO));
        doc.add(new SortedDocValuesField(IndexField.TITLE_SORT.field(), new BytesRef(IndexField.keyword(rule.getTitle()))));
        doc.add(new SortedDocValuesField(IndexField.UID_SORT.field(), new BytesRef(rule.getUid())));
        String queryText = rule.getFormat().queryIndexedAsText() ? rule.getQuery() : null;
        for (String text : Arrays.asList(rule.getDescription(), queryText)) {
            if (text != null) {
                doc.add(new TextField(IndexField.TEXT.field(), text, Field.Store.NO));
            }
        }
        if (rule.getAuthor() != null) {
            doc.add(new TextField(IndexField.AUTHOR.field(), rule.getAuthor(), Field.Store.NO));
        }
        keyword(doc, IndexField.PLATFORM, rule.getPlatform());
        keyword(doc, IndexField.SOURCE, rule.getSourceName());
        keyword(doc, IndexField.STATUS, rule.getStatusOrUnknown());
        keyword(doc, IndexField.SEVERITY, rule.getSeverity());
        keyword(doc, IndexField.LANGUAGE, rule.getLanguage());
        facet(doc, Facet.PLATFORM, rule.getPlatform());
        facet(doc, Facet.SOURCE, rule.getSourceName());
        facet(doc, Facet.STATUS, rule.getStatusOrUnknown());
        facet(doc, Facet.SEVERITY, rule.getSeverity());
        Set<String> techniques = new LinkedHashSet<>();
        for (String id : rule.getTechniqueIds()) {
            techniques.add(id);
            techniques.add(id.contains(".") ? id.substring(0, id.indexOf('.')) : id);
            facet(doc, Facet.TECHNIQUE, id);
        }
        techniques.forEach(t -> {
            keyword(doc, IndexField.TECHNIQUE, t);
            facet(doc, Facet.TECHNIQUE_ROLLUP, t);
        });
        // Every tactic the rule's coverage shows, including tactics it names without a technique and tactics the
        // loaded ATT&CK lacks; placements feed the matrix's cells for what ATT&CK itself does not place.
        for (AttackCatalog.CoverageRow row : attack.coverage(rule.getTechniqueIds(), rule.getTacticHints())) {
            if (row.tactic() == null) {
                continue;
            }
            keyword(doc, IndexField.TACTIC, row.tactic().shortName());
            facet(doc, Facet.TACTIC, row.tactic().name());
            facet(doc, Facet.TACTIC_ROLLUP, row.tactic().shortName());
            for (AttackCatalog.TechniqueRef ref : row.techniques()) {
                if (!row.tactic().isKnown() || ref.status() == AttackCatalog.TechniqueRef.Status.UNKNOWN) {
                    facet(doc, Facet.PLACEMENT, row.tactic().shortName() + Facet.PLACEMENT_SEPARATOR + ref.id());
                    if (ref.id().contains(".")) {
                        facet(doc, Facet.PLACEMENT, row.tactic().shortName() + Facet.PLACEMENT_SEPARATOR
                                + ref.id().substring(0, ref.id().indexOf('.')));
                    }
                }
            }
        }
        for (String source : telemetry == Telemetry.NONE ? rule.getDataSources() : telemetry.dataSources()) {
            keyword(doc, IndexField.DATASOURCE, source);
            facet(doc, Facet.DATASOURCE, source);
        }
        rule.getStories().forEach(story -> keyword(doc, IndexField.STORY, story));
        for (String event : telemetry.events()) {
            keyword(doc, IndexField.EVENT, Telemetry.eventKey(event));
            facet(doc, Facet.LOGGED_EVENT, event);
        }
        telemetry.activities().forEach(a -> keyword(doc, IndexField.EVENT, a));
        for (EventVocabulary.CanonicalEvent event : telemetry.canonicalEvents()) {
            keyword(doc, IndexField.EVENT, Telemetry.eventKey(event.name()));
            keyword(doc, IndexField.EVENT, event.id());
            facet(doc, Facet.EVENT, event.name());
        }
        if (!telemetry.events().isEmpty() || !telemetry.canonicalEvents().isEmpty()) {
            // event:any: the rule reads some event the catalog knows, so whether it can run on given telemetry is known.
            keyword(doc, IndexField.EVENT, Telemetry.ANY_EVENT);
        }
        telemetry.products().forEach(p -> keyword(doc, IndexField.PRODUCT, p));
        telemetry.services().forEach(v -> keyword(doc, IndexField.SERVICE, v));
        telemetry.categories().forEach(c -> keyword(doc, IndexField.CATEGORY, c));
        String logsource = String.join(" / ", java.util.stream.Stream.of(telemetry.products(), telemetry.categories(), telemetry.services())
                .flatMap(List::stream).toList());
        facet(doc, Facet.LOGSOURCE, logsource);
        indexAnalysis(doc, analysis);
        dates(doc, rule);
        doc.add(new StoredField(IndexField.SHOW.field(), String.join(SEP, nz(rule.getTitle()), nz(rule.getPlatform()),
                nz(rule.getSeverity()), nz(rule.getStatus()), nz(rule.getSourceName()), String.join(",", rule.getTechniqueIds()),
                snippetSource(rule), rule.getModified() != null ? rule.getModified().toString() : rule.getCreated() != null
                        ? rule.getCreated().toString() : "")));
        return doc;
    }

    private static String snippetSource(Rule rule) {
        String d = rule.getDescription() == null ? "" : rule.getDescription().replaceAll("\\s+", " ").strip();
        return d.length() > 600 ? d.substring(0, 600) : d;
    }

    private static void indexAnalysis(Document doc, QueryAnalysis analysis) {
        Set<String> polarities = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Indicator i : analysis.indicators()) {
            polarities.add(i.polarity().label());
            if (i.value() == null) {
                continue;
            }
            String field = IndexField.indicatorField(i.canonicalField());
            String value = IndexField.keyword(i.value());
            if (seen.add(field + "\u0000" + value)) {
                doc.add(new StringField(field, value, Field.Store.NO));
                doc.add(new Field(IndexField.INDICATOR_TEXT.field(), i.value(), TEXT_WITHOUT_NORMS));
            }
        }
        polarities.forEach(p -> keyword(doc, IndexField.POLARITY, p));
        for (QueryAnalysis.SearchTerm term : analysis.searchTerms()) {
            doc.add(new Field(IndexField.TERMS.field(), term.term(), TEXT_WITHOUT_NORMS));
        }
    }

    private static void dates(Document doc, Rule rule) {
        LocalDate created = rule.getCreated();
        LocalDate modified = rule.getModified() != null ? rule.getModified() : created;
        if (created != null) {
            doc.add(new LongPoint(IndexField.CREATED.field(), created.toEpochDay()));
        }
        if (modified != null) {
            doc.add(new LongPoint(IndexField.MODIFIED.field(), modified.toEpochDay()));
        }
        doc.add(new NumericDocValuesField(IndexField.DATE_SORT.field(), modified == null ? Long.MIN_VALUE : modified.toEpochDay()));
    }

    private static void facet(Document doc, Facet facet, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new SortedSetDocValuesField(facet.docValuesField(), new BytesRef(IndexField.bounded(value.strip()))));
        }
    }

    private static void keyword(Document doc, IndexField field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new StringField(field.field(), IndexField.keyword(value), Field.Store.NO));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
