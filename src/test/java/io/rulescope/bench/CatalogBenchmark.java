package io.rulescope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.AttackMatrix;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.build.CatalogBuilder;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.search.RuleIndex;
import io.rulescope.search.SearchIndex;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;
import io.rulescope.web.attack.MatrixHtml;

/**
 * The hot pure functions, one call per operation, cycling through the whole shared corpus (or the embedded content
 * when ../shared is absent): SPL parse + analysis per query, Sigma analysis per rule, and one Lucene search (parse,
 * query, facets, snippets) per operation without the answer cache, over a mix of technique, field and text searches.
 * Run with bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class CatalogBenchmark {

    static final List<String> SEARCHES = List.of("T1059", "t1003.001", "eventName=JobCreated", "Image=*\\powershell.exe",
            "CommandLine=*-enc*", "mimikatz", "\"shadow copy\"", "platform:Sigma tactic:exfiltration",
            "modified:>=2025-01-01 status:production", "T1059 -platform:Sigma", "lsass OR procdump",
            "source:escu severity:high");

    IndicatorAnalysis.Analyzer analyzer;
    SearchService search;
    SearchIndex index;
    List<Rule> spl = new ArrayList<>();
    List<Rule> sigma = new ArrayList<>();
    int nextSpl;
    int nextSigma;
    int nextSearch;
    int nextRule;
    int nextMatrix;
    List<Rule> all = new ArrayList<>();
    io.rulescope.catalog.Catalog catalog;
    AttackCatalog attack;
    IndicatorAnalysis analysis;

    @Setup
    public void ingestTheCorpus() {
        Path shared = Path.of(System.getProperty("bench.shared", "../shared/corpus"));
        List<String> sources = Files.isDirectory(shared.resolve("escu")) && Files.isDirectory(shared.resolve("sigma"))
                ? List.of("escu=" + shared.resolve("escu"), "sigma=" + shared.resolve("sigma"))
                : List.of("embedded");
        System.out.println("benchmark corpus: " + sources);
        attack = AttackCatalog.load(null);
        analysis = new IndicatorAnalysis(IndicatorAnalysis.shippedTaxonomy(), IndicatorAnalysis.shippedEventTables());
        try (CatalogBuilder builder = new CatalogBuilder(new IngestProperties(sources, 1 << 20, 0, Map.of(), ""), attack, analysis)) {
            catalog = builder.build();
        }
        index = catalog.index();
        all.addAll(catalog.rules().all());
        analyzer = analysis.analyzer(catalog.macros());
        for (Rule rule : catalog.rules().all()) {
            if ("spl".equals(rule.getLanguage())) {
                spl.add(rule);
            } else if ("sigma".equals(rule.getLanguage()) && rule.getDetection() != null) {
                sigma.add(rule);
            }
        }
        search = new SearchService(attack, analysis.taxonomy());
        System.out.printf("%d SPL queries, %d Sigma rules, %d searches%n", spl.size(), sigma.size(), SEARCHES.size());
    }

    @Benchmark
    public QueryAnalysis splParseAndAnalysisPerQuery() {
        return analyzer.analyze(spl.get(nextSpl++ % spl.size()));
    }

    @Benchmark
    public QueryAnalysis sigmaAnalysisPerRule() {
        return analyzer.analyze(sigma.get(nextSigma++ % sigma.size()));
    }

    @Benchmark
    public SearchResult luceneSearchWithoutCache() {
        return search.searchWithoutCache(index, SEARCHES.get(nextSearch++ % SEARCHES.size()), 1, 20, "relevance");
    }

    /** What a rule page derives beyond the rule itself: the anatomy with corpus counts, and the similar rules. */
    @Benchmark
    public Object rulePageModel() {
        Rule rule = all.get(nextRule++ % all.size());
        return List.of(catalog.indicators().anatomy(rule), catalog.indicators().similar(rule, 5));
    }

    /** One matrix of a search: technique counts without the cache, the matrix, and its grid's HTML. */
    @Benchmark
    public String matrixWithoutCache() {
        AttackMatrix.Counts counts = search.matrixCountsWithoutCache(index, SEARCHES.get(nextMatrix++ % SEARCHES.size()));
        return MatrixHtml.render(AttackMatrix.of(attack, counts), attack.release());
    }

    /** The whole Lucene index of the catalog written as ingest writes it, on two threads (start-up's index phase). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public RuleIndex.Built indexBuildOnTwoThreads() throws Exception {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
        try {
            return pool.submit(() -> new RuleIndex(attack).build(all, catalog.indicators()::analysisOf, analysis::telemetry)).get();
        } finally {
            pool.shutdown();
        }
    }
}
