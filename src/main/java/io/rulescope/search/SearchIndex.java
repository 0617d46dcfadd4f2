package io.rulescope.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.AttackMatrix;

/**
 * One catalog's open Lucene index: a reader over an index that never changes. It needs no searcher manager: the
 * catalog that holds it is reference counted, and closes it once no request reads it any more.
 */
public final class SearchIndex implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SearchIndex.class);

    /** No rules: what the catalog serves before the first ingest. */
    public static final SearchIndex EMPTY = new SearchIndex(null, null, null, false);

    private final Directory directory;
    private final IndexSearcher searcher;
    private final AttackCatalog attack;
    /** Answers of this index, kept as long as it is: the same search always gives the same answer here. */
    final Cache<String, SearchResult> results = Caffeine.newBuilder().maximumSize(2_000).build();
    final Cache<String, AttackMatrix.Counts> matrixCounts = Caffeine.newBuilder().maximumSize(500).build();
    /** The values of the closed facets (platform, source, ...), which searches check filter values against. */
    private final java.util.Map<Facet, List<String>> knownValues = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Served only until its merged self replaces it, a few seconds after a start, while the merge, the database write
     * and the matcher's compilation share the cores: a search that runs out of time here says so instead of answering.
     */
    private final boolean warming;

    private SearchIndex(Directory directory, DirectoryReader reader, AttackCatalog attack, boolean warming) {
        this.directory = directory;
        this.warming = warming;
        this.searcher = reader == null ? null : new IndexSearcher(reader);
        this.attack = attack;
    }

    static SearchIndex open(Directory directory, AttackCatalog attack) {
        return open(directory, attack, true);
    }

    /**
     * @param wildcardTables whether to lay out the wildcard term tables before serving; an index that is about to be
     *     replaced by its merged self lays out only the facets, and a wildcard search in that second lays out the one
     *     field it needs
     */
    static SearchIndex open(Directory directory, AttackCatalog attack, boolean wildcardTables) {
        try {
            DirectoryReader reader = DirectoryReader.open(directory);
            if (wildcardTables) {
                warmWildcards(reader);
            } else {
                reader.leaves().parallelStream().forEach(leaf -> SegmentTable.of(leaf.reader()));
            }
            return new SearchIndex(directory, reader, attack, !wildcardTables);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the rule index", e);
        }
    }

    /**
     * Lays out the terms of every field a wildcard can search, and the facet values, before the index serves, so the
     * first {@code *\\cmd.exe} on a new catalog costs what every later one does.
     */
    private static void warmWildcards(DirectoryReader reader) {
        long started = System.nanoTime();
        List<String> fields = new ArrayList<>(List.of(IndexField.TITLE.field(), IndexField.TEXT.field(), IndexField.INDICATOR_TEXT.field(),
                IndexField.DATASOURCE.field()));
        for (var info : org.apache.lucene.index.FieldInfos.getMergedFieldInfos(reader)) {
            if (info.name.startsWith(IndexField.INDICATOR_PREFIX)) {
                fields.add(info.name);
            }
        }
        // Each table is independent of the others: laid out side by side, on the common pool and this thread.
        List<Runnable> tables = new ArrayList<>();
        for (var leaf : reader.leaves()) {
            tables.add(() -> SegmentTable.of(leaf.reader()));
            fields.forEach(field -> tables.add(() -> GlobQuery.table(leaf.reader(), field)));
        }
        tables.parallelStream().forEach(Runnable::run);
        log.info("Laid out the terms of {} fields for wildcard search, and the facets, in {} ms", fields.size(), (System.nanoTime() - started) / 1_000_000);
    }

    List<String> knownValues(Facet facet, java.util.function.Supplier<List<String>> compute) {
        return knownValues.computeIfAbsent(facet, f -> compute.get());
    }

    /** Whether this is the index a start serves before its merged self: slow answers here are warm-up, not the query. */
    public boolean warming() {
        return warming;
    }

    /** How many rules it holds. */
    public int size() {
        return searcher == null ? 0 : searcher.getIndexReader().numDocs();
    }

    /** The result line of a hit, from its segment's table rather than its stored fields. */
    static RuleSummary summaryOf(IndexSearcher searcher, int doc) {
        List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        var leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
        return SegmentTable.of(leaf.reader()).summary(doc - leaf.docBase);
    }

    static RuleSummary summary(Document doc) {
        String[] show = doc.get(IndexField.SHOW.field()).split(RuleIndex.SEP, -1);
        List<String> techniques = show[5].isEmpty() ? List.of()
                : java.util.Arrays.stream(show[5].split(",")).map(String::intern).toList();
        // The few values every page of results repeats (platform, severity, status, source, date) kept once each.
        return new RuleSummary(doc.get(IndexField.UID.field()), doc.get(IndexField.RULE_ID.field()), show[0], show[1].intern(),
                show[2].intern(), show[3].intern(), show[4].intern(), techniques, show[6], show[7].intern());
    }

    /**
     * The first {@code n} hits in order, with the exact number of all hits: Lucene counts only the first thousand by
     * default, and a catalog that says "1,000 rules" where there are 2,185 cannot be trusted.
     */
    static TopDocs topDocs(IndexSearcher searcher, Query query, int n, Sort sort) throws IOException {
        return searcher.search(query, new org.apache.lucene.search.TopFieldCollectorManager(sort, n, null, Integer.MAX_VALUE, false));
    }

    /** Work that reads the index. */
    @FunctionalInterface
    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Runs {@code work} with the searcher, or returns {@code empty} for the empty index. */
    <T> T withSearcher(SearcherWork<T> work, T empty) {
        if (searcher == null) {
            return empty;
        }
        try {
            return work.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        results.invalidateAll();
        matrixCounts.invalidateAll();
        if (searcher != null) {
            searcher.getIndexReader().leaves().forEach(leaf -> SegmentTables.forget(leaf.reader()));
            searcher.getIndexReader().close();
            directory.close();
        }
    }
}
