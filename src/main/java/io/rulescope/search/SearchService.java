package io.rulescope.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.springframework.stereotype.Service;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.AttackMatrix;
import io.rulescope.query.FieldTaxonomy;

/** Runs searches typed in the search box: parse, build, search with facets, page and highlight. */
@Service
public class SearchService {

    /** Ordinary searches take a few milliseconds; this only stops the pathological, which then answer partially. */
    static final long TIME_LIMIT_MS = 500;
    /**
     * Broad searches (many patterns that each walk a whole field) that may run at once: half the cores, so a burst of
     * them leaves the other half to everyone else. The rest are turned away at once (HTTP 429) rather than queued.
     */
    private final Semaphore broad = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    /**
     * And at most four a second: turned away, a client asks again at once, so a place freeing up would otherwise go to
     * broad searches back to back and keep a core busy with them.
     */
    static final long BROAD_INTERVAL_NANOS = 250_000_000L;
    private final java.util.concurrent.atomic.AtomicLong nextBroad = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    public static final List<String> SORTS = List.of("relevance", "title", "date");

    private final LuceneQueries queries;
    private final ChangeDates changes;
    private final Memberships memberships;
    private final AttackCatalog attack;

    @org.springframework.beans.factory.annotation.Autowired
    public SearchService(AttackCatalog attack, FieldTaxonomy taxonomy, ChangeDates changes,
            org.springframework.beans.factory.ObjectProvider<Memberships> memberships) {
        this(attack, taxonomy, changes, memberships.getIfAvailable(() -> Memberships.NONE));
    }

    public SearchService(AttackCatalog attack, FieldTaxonomy taxonomy, ChangeDates changes, Memberships memberships) {
        this.queries = new LuceneQueries(attack, taxonomy, changes, memberships);
        this.changes = changes;
        this.memberships = memberships;
        this.attack = attack;
    }

    public SearchService(AttackCatalog attack, FieldTaxonomy taxonomy, ChangeDates changes) {
        this(attack, taxonomy, changes, Memberships.NONE);
    }

    /** Without history: {@code changed:} means modified (tools and benchmarks). */
    public SearchService(AttackCatalog attack, FieldTaxonomy taxonomy) {
        this(attack, taxonomy, ChangeDates.NONE);
    }

    /**
     * @throws SearchSyntaxException when the query cannot be parsed or is too broad, with the position to fix
     */
    public SearchResult search(SearchIndex index, String q, int page, int size, String sort) {
        long started = System.nanoTime();
        String key = cacheKey(q, page, size, sort);
        // Parsing happens on a miss only; a malformed or turned-away search throws from here and is never cached.
        SearchResult result = index.results.getIfPresent(key);
        if (result == null) {
            result = run(index, q, SearchQueryParser.parse(q), page, size, sort, started, true);
            // A partial answer is not kept: asked again, the search gets its full budget again.
            if (!result.partial()) {
                index.results.put(key, result);
            }
        }
        // A cached result reports the time this request took, not the time of the search that filled the cache.
        return result.withTookMs((System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A listing page (all rules, a source, a tactic, a technique): the filter's search, by title unless another sort
     * is asked for, through the same cache and budget as a typed search.
     */
    public SearchResult list(SearchIndex index, RuleFilter filter, int page, int size, String sort) {
        String q = filter.query();
        long started = System.nanoTime();
        // A listing shows every rule it names, deprecated ones too; its key keeps it apart from the same words typed.
        String key = cacheKey("\u0000listing\u0000" + q, page, size, sort);
        SearchResult result = index.results.getIfPresent(key);
        if (result == null) {
            result = run(index, q, q.isEmpty() ? new SearchNode.Everything() : SearchQueryParser.parse(q), page, size, sort, started, false);
            if (!result.partial()) {
                index.results.put(key, result);
            }
        }
        return result.withTookMs((System.nanoTime() - started) / 1_000_000);
    }

    /** The same search without the answer cache: what a search costs the first time (benchmarks, tools). */
    public SearchResult searchWithoutCache(SearchIndex index, String q, int page, int size, String sort) {
        return run(index, q, SearchQueryParser.parse(q), page, size, sort, System.nanoTime(), true);
    }

    /**
     * One spelling of "the same search" for every cache of search answers. Within one catalog the answer may still
     * change when history is read after it was published ({@code changed:}), so the history's version is part of it.
     */
    public String cacheKey(String q, int page, int size, String sort) {
        return changes.version() + collectionStamps(q) + "\u0000" + q + "\u0000" + page + "\u0000" + size + "\u0000" + sort;
    }

    private static final java.util.regex.Pattern COLLECTION = java.util.regex.Pattern.compile(
            "(?i)collection\\s*(?:!=|:)\\s*(?:\"([^\"]*)\"|([^\\s()]+))");

    /** The version of each collection a search names: answers for its old members are not answers for its new ones. */
    private String collectionStamps(String q) {
        if (q == null || q.length() < 11 || !q.regionMatches(true, 0, "collection", 0, 10) && !q.toLowerCase(Locale.ROOT).contains("collection")) {
            return "";
        }
        StringBuilder stamps = new StringBuilder();
        java.util.regex.Matcher m = COLLECTION.matcher(q);
        while (m.find()) {
            stamps.append('\u0000').append(memberships.stamp(m.group(1) != null ? m.group(1) : m.group(2)));
        }
        return stamps.toString();
    }

    private SearchResult run(SearchIndex index, String q, SearchNode literal, int page, int size, String sort, long started,
            boolean typed) {
        SearchReading reading = literal instanceof SearchNode.Everything ? new SearchReading(literal, List.of(), List.of())
                : read(index, q, literal, typed);
        // A typed search that leaves deprecated rules out runs without the exclusion and drops them as it collects.
        SearchNode parsed = reading.typed() != null ? reading.typed() : reading.node();
        SearchBudget budget = SearchBudget.of(TIME_LIMIT_MS);
        Query query = queries.build(parsed, budget);
        int safePage = Math.max(1, Math.min(page, 10_000));
        int safeSize = Math.max(1, Math.min(size, 100));
        String safeSort = SORTS.contains(sort) ? sort : "relevance";
        List<String> words = highlightWords(parsed);
        return bounded(budget, () -> index.withSearcher(
                searcher -> run(searcher, q, query, budget, safePage, safeSize, safeSort, words, reading, started, index.warming()),
                new SearchResult(q, 0, 0, safePage, safeSize, safeSort, List.of(), Map.of(), false, reading.notes(), reading.instead())));
    }

    /**
     * The one reading of a search that results, exports, the matrix and facet lists all use; a typed search (not a
     * listing page's filter) leaves deprecated rules out unless it names a status.
     */
    private SearchReading read(SearchIndex index, String q, SearchNode literal, boolean typed) {
        SearchReading reading = SearchReading.of(q, literal, attack, facet -> index.knownValues(facet, () -> allFacetValues(index, (String) null, facet, false)
                .stream().map(SearchResult.FacetCount::value).toList()));
        return typed ? reading.withoutDeprecated() : reading;
    }

    /**
     * Runs a search, taking one of the few places for broad ones first.
     *
     * @throws SearchBusyException when the search is broad and every place is taken
     */
    private <T> T bounded(SearchBudget budget, java.util.function.Supplier<T> search) {
        if (!budget.isBroad()) {
            return search.get();
        }
        long now = System.nanoTime();
        long next = nextBroad.get();
        if (now - next < 0 || !nextBroad.compareAndSet(next, now + BROAD_INTERVAL_NANOS) || !broad.tryAcquire()) {
            throw new SearchBusyException();
        }
        try {
            return search.get();
        } finally {
            broad.release();
        }
    }

    /** One pass over the hits collects both the page of top hits (with the exact total) and the facet counts. */
    private SearchResult run(IndexSearcher searcher, String q, Query query, SearchBudget budget, int page, int size, String sort,
            List<String> words, SearchReading reading, long started, boolean warming) throws IOException {
        IndexSearcher timed = budget.searcher(searcher);
        int end = Math.min(page * size, 10_000);
        TopFieldCollector top = new TopFieldCollectorManager(sortOf(sort), Math.max(1, end), null, Integer.MAX_VALUE, false).newCollector();
        FacetCollector facets = new FacetCollector(false);
        WithoutDeprecated withoutDeprecated = reading.typed() != null ? new WithoutDeprecated(MultiCollector.wrap(top, facets)) : null;
        timed.search(query, withoutDeprecated != null ? withoutDeprecated : MultiCollector.wrap(top, facets));
        if (withoutDeprecated != null) {
            reading = reading.noteLeftOut(q, withoutDeprecated.leftOut());
        }
        TopDocs docs = top.topDocs();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = (page - 1) * size; i < docs.scoreDocs.length && i < end; i++) {
            RuleSummary rule = SearchIndex.summaryOf(timed, docs.scoreDocs[i].doc);
            hits.add(new SearchResult.Hit(rule, Snippets.of(rule.description(), words)));
        }
        long took = (System.nanoTime() - started) / 1_000_000;
        boolean partial = timed.timedOut() || budget.wasCut();
        if (partial && warming) {
            throw SearchBusyException.warmingUp();
        }
        return new SearchResult(q, docs.totalHits.value, took, page, size, sort, hits, facets.result(), partial,
                partial ? withPartialNote(reading.notes(), timed.timedOut()) : reading.notes(), reading.instead());
    }

    private static List<String> withPartialNote(List<String> notes, boolean outOfTime) {
        List<String> out = new ArrayList<>(notes);
        out.add(outOfTime ? "This search ran out of time, so some rules may be missing. Narrow it to see them all."
                : "This search was stopped early: a wildcard matched more than " + String.format(Locale.ROOT, "%,d", GlobQuery.MAX_TERMS)
                + " different values, so some rules may be missing. Narrow the pattern to see them all.");
        return List.copyOf(out);
    }

    /**
     * How many rules of a search (all rules when {@code q} is blank) map to each technique (sub-techniques also
     * counting for their parent), name each tactic, and place techniques where the loaded ATT&CK does not.
     *
     * @throws SearchSyntaxException for a malformed search
     */
    public AttackMatrix.Counts matrixCounts(SearchIndex index, String q) {
        String query = q == null ? "" : q.strip();
        String key = cacheKey(query, 0, 0, "matrix");
        AttackMatrix.Counts counts = index.matrixCounts.getIfPresent(key);
        if (counts == null) {
            SearchBudget budget = SearchBudget.of(TIME_LIMIT_MS);
            counts = countTechniques(index, query, budget);
            if (budget.wasCut() && index.warming()) {
                throw SearchBusyException.warmingUp();
            }
            if (!budget.wasCut()) {
                index.matrixCounts.put(key, counts);
            }
        }
        return counts;
    }

    /** The same counts without the cache: what a matrix costs the first time (benchmarks). */
    public AttackMatrix.Counts matrixCountsWithoutCache(SearchIndex index, String q) {
        return countTechniques(index, q == null ? "" : q.strip(), SearchBudget.of(TIME_LIMIT_MS));
    }

    private AttackMatrix.Counts countTechniques(SearchIndex index, String query, SearchBudget budget) {
        Query built = query.isEmpty() ? new MatchAllDocsQuery() : queries.build(read(index, query, SearchQueryParser.parse(query), true).node(), budget);
        return bounded(budget, () -> countTechniques(index, built, budget));
    }

    private AttackMatrix.Counts countTechniques(SearchIndex index, Query query, SearchBudget budget) {
        return index.withSearcher(unlimited -> {
            IndexSearcher searcher = budget.searcher(unlimited);
            FacetCollector collector = new FacetCollector(true, java.util.EnumSet.of(Facet.TECHNIQUE_ROLLUP, Facet.TACTIC_ROLLUP, Facet.PLACEMENT));
            searcher.search(query, collector);
            if (searcher.timedOut() && budget.cut() != null) {
                budget.cut().set(true);
            }
            var result = collector.result();
            return new AttackMatrix.Counts(counts(result.get(Facet.TECHNIQUE_ROLLUP)), counts(result.get(Facet.TACTIC_ROLLUP)),
                    counts(result.get(Facet.PLACEMENT)));
        }, AttackMatrix.Counts.NONE);
    }

    /**
     * Every value of one facet among the rules of a search, most rules first; bounded like a search (time budget, few
     * broad ones at once).
     *
     * @throws SearchSyntaxException for a malformed search
     * @throws SearchBusyException when the search is broad and every place is taken
     */
    public List<SearchResult.FacetCount> allFacetValues(SearchIndex index, String q, Facet facet) {
        return allFacetValues(index, q, facet, true);
    }

    /** Every value of one facet among the rules a listing page names, deprecated ones too. */
    public List<SearchResult.FacetCount> allFacetValues(SearchIndex index, RuleFilter filter, Facet facet) {
        return allFacetValues(index, filter.query(), facet, false);
    }

    private List<SearchResult.FacetCount> allFacetValues(SearchIndex index, String q, Facet facet, boolean typed) {
        SearchBudget budget = SearchBudget.of(TIME_LIMIT_MS);
        Query query = q == null || q.isBlank() ? new MatchAllDocsQuery()
                : queries.build(read(index, q, SearchQueryParser.parse(q), typed).node(), budget);
        return bounded(budget, () -> index.withSearcher(unlimited -> {
            IndexSearcher searcher = budget.searcher(unlimited);
            FacetCollector collector = new FacetCollector(true, java.util.EnumSet.of(facet));
            searcher.search(query, collector);
            return collector.result().getOrDefault(facet, List.of());
        }, List.<SearchResult.FacetCount>of()));
    }

    /** How many values of a facet a search answer keeps; a facet with this many may have more ({@link #allFacetValues}). */
    public static int facetValuesKept() {
        return FacetCollector.TOP;
    }

    private static Map<String, Long> counts(List<SearchResult.FacetCount> facet) {
        Map<String, Long> counts = new java.util.HashMap<>();
        facet.forEach(c -> counts.put(c.value(), c.count()));
        return Map.copyOf(counts);
    }

    /**
     * Up to {@code limit} rules of a search (all rules for a blank one) in the given order, for exports.
     *
     * @throws SearchSyntaxException for a malformed search
     */
    public List<RuleSummary> all(SearchIndex index, String q, String sort, int limit) {
        SearchBudget budget = SearchBudget.of(TIME_LIMIT_MS);
        Query query = q == null || q.isBlank() ? new MatchAllDocsQuery() : queries.build(read(index, q, SearchQueryParser.parse(q), true).node(), budget);
        return bounded(budget, () -> index.withSearcher(unlimited -> {
            IndexSearcher searcher = budget.searcher(unlimited);
            TopDocs top = SearchIndex.topDocs(searcher, query, Math.max(1, limit), sortOf(sort));
            if ((searcher.timedOut() || budget.wasCut()) && index.warming()) {
                throw SearchBusyException.warmingUp();
            }
            List<RuleSummary> out = new ArrayList<>();
            for (var hit : top.scoreDocs) {
                out.add(SearchIndex.summaryOf(searcher, hit.doc));
            }
            return out;
        }, List.<RuleSummary>of()));
    }

    private static Sort sortOf(String sort) {
        SortField title = new SortField(IndexField.TITLE_SORT.field(), SortField.Type.STRING);
        return switch (sort) {
            case "title" -> new Sort(title, IndexField.tieBreak());
            case "date" -> new Sort(new SortField(IndexField.DATE_SORT.field(), SortField.Type.LONG, true), title, IndexField.tieBreak());
            default -> new Sort(SortField.FIELD_SCORE, title, IndexField.tieBreak());
        };
    }

    /** The free-text words and phrases of a search, which snippets highlight. */
    private static List<String> highlightWords(SearchNode node) {
        List<String> words = new ArrayList<>();
        collect(node, words, false);
        return words;
    }

    private static void collect(SearchNode node, List<String> out, boolean negated) {
        if (node instanceof SearchNode.And a) {
            a.parts().forEach(p -> collect(p, out, negated));
        } else if (node instanceof SearchNode.Or o) {
            o.parts().forEach(p -> collect(p, out, negated));
        } else if (node instanceof SearchNode.Not n) {
            collect(n.inner(), out, true);
        } else if (!negated && node instanceof SearchNode.Word w && !w.text().contains("*") && w.text().length() > 1) {
            out.add(w.text().toLowerCase(Locale.ROOT));
        } else if (!negated && node instanceof SearchNode.Phrase p) {
            out.add(p.text().toLowerCase(Locale.ROOT));
        }
    }
}
