package io.rulescope.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import io.rulescope.attack.AttackCatalog;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.CatalogSummary;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.RuleFilter;
import io.rulescope.search.RuleIndex;
import io.rulescope.search.SearchService;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.Test;

class CatalogHolderTest {

    private static final CacheKind<String, String> VIEWS = CacheKind.sized("rule views", 100);

    static final AttackCatalog ATTACK = AttackCatalog.load(null);
    static final RuleIndex INDEXER = new RuleIndex(ATTACK);

    private static Catalog catalogOf(long generation, String... titles) {
        List<Rule> rules = new java.util.ArrayList<>();
        for (String title : titles) {
            Rule rule = new Rule(title.toLowerCase(), "id-" + title, false, title, io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
            rule.setSource("s", title + ".yml", null, 0);
            rules.add(rule);
        }
        return new Catalog(generation, "key" + generation, RuleSet.of(rules), IndicatorIndex.EMPTY,
                INDEXER.open(INDEXER.build(rules, r -> QueryAnalysis.EMPTY)), CatalogSummary.EMPTY,
                IngestReport.starting(java.time.Instant.now()), Map.of());
    }

    @Test
    void beforeTheFirstPublishTheHolderServesAnEmptyCatalogThatSaysItIsLoading() {
        CatalogHolder holder = new CatalogHolder();

        assertThat(holder.peek().isReady()).isFalse();
        assertThat(holder.<Integer>read(c -> c.index().size())).isZero();
    }

    @Test
    void aRequestThatTookTheOldCatalogKeepsReadingItWholeAcrossAPublish() {
        CatalogHolder holder = new CatalogHolder();
        holder.publish(catalogOf(1, "Alpha", "Beta"));

        try (CatalogHolder.Lease request = holder.acquire()) {
            holder.publish(catalogOf(2, "Gamma"));

            assertThat(request.catalog().rules().withId("id-Alpha")).hasSize(1);
            assertThat(request.catalog().index().size()).isEqualTo(2);
            assertThat(holder.<Integer>read(c -> c.index().size())).isEqualTo(1);
        }
    }

    @Test
    void theOldCatalogIsClosedWhenTheLastRequestHoldingItLetsGo() {
        CatalogHolder holder = new CatalogHolder();
        Catalog old = catalogOf(1, "Alpha");
        holder.publish(old);
        CatalogHolder.Lease first = holder.acquire();
        CatalogHolder.Lease second = holder.acquire();
        Cache<String, String> cache = old.cache(CacheKind.sized("answers", 10));
        cache.put("q", "a");

        holder.publish(catalogOf(2, "Beta"));
        first.close();
        assertThat(old.references()).isEqualTo(1);
        assertThat(old.index().size()).isEqualTo(1);

        second.close();
        second.close();
        assertThat(old.references()).isZero();
        assertThat(cache.asMap()).as("caches die with their catalog").isEmpty();
        assertThatThrownBy(() -> new SearchService(AttackCatalog.load(null), FieldTaxonomy.NONE).list(old.index(), RuleFilter.NONE, 1, 10, "title")).isInstanceOf(AlreadyClosedException.class);
    }

    @Test
    void aCatalogNobodyHoldsIsClosedAsSoonAsItIsReplaced() {
        CatalogHolder holder = new CatalogHolder();
        Catalog old = catalogOf(1, "Alpha");
        holder.publish(old);

        holder.publish(catalogOf(2, "Beta"));

        assertThat(old.references()).isZero();
        assertThat(holder.peek().references()).isEqualTo(1);
    }

    @Test
    void theSameCatalogWithItsIndexMergedKeepsTheCachesAndReleasingTheFirstDoesNotEmptyThem() {
        CatalogHolder holder = new CatalogHolder();
        Catalog first = catalogOf(1, "Alpha", "Beta");
        holder.publish(first);
        Cache<String, String> views = first.cache(VIEWS);
        views.put("alpha", "view");

        Catalog merged = first.withIndex(holder.nextGeneration(), INDEXER.open(INDEXER.build(
                first.rules().all(), r -> QueryAnalysis.EMPTY)));
        holder.publish(merged);

        assertThat(first.references()).as("the first is released").isZero();
        assertThat(merged.sharesCachesWith(first)).isTrue();
        assertThat(merged.cache(VIEWS).getIfPresent("alpha")).isEqualTo("view");
        assertThat(merged.sharesCachesWith(catalogOf(3, "Alpha", "Beta"))).as("another build keeps its own").isFalse();

        holder.publish(catalogOf(4, "Gamma"));
        assertThat(views.asMap()).as("the caches die with the last catalog that kept them").isEmpty();
    }

    @Test
    void aCatalogKeepsOneCachePerKindAndKindsAreTellApartByIdentityNotName() {
        Catalog catalog = catalogOf(1, "Alpha");
        CacheKind<String, Integer> counts = CacheKind.sized("answers", 10);
        CacheKind<String, String> texts = CacheKind.sized("answers", 10);

        catalog.cache(counts).put("q", 1);
        catalog.cache(texts).put("q", "one");

        assertThat(catalog.cache(counts).getIfPresent("q")).isEqualTo(1);
        assertThat(catalog.cache(texts).getIfPresent("q")).isEqualTo("one");
        assertThat(catalog.cache(counts)).isSameAs(catalog.cache(counts));
    }

    private static Catalog withPrivateSource(java.util.concurrent.atomic.AtomicInteger narrowed) {
        List<Rule> rules = new java.util.ArrayList<>();
        for (String[] r : List.of(new String[] {"open", "Alpha"}, new String[] {"acme", "Secret"})) {
            Rule rule = new Rule(r[1].toLowerCase(), "id-" + r[1], false, r[1], io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
            rule.setSource(r[0], r[1] + ".yml", null, 0);
            rules.add(rule);
        }
        Catalog.Narrowing narrowing = (full, audience) -> {
            narrowed.incrementAndGet();
            List<Rule> visible = full.rules().all().stream().filter(rule -> audience.sees(rule.getSourceName())).toList();
            return Catalog.view(full, audience, RuleSet.of(visible), IndicatorIndex.EMPTY,
                    INDEXER.open(INDEXER.build(visible, r -> QueryAnalysis.EMPTY)), CatalogSummary.EMPTY, full.report(),
                    java.util.concurrent.CompletableFuture.completedFuture(io.rulescope.match.EventMatcher.EMPTY));
        };
        return new Catalog(1, "key1", RuleSet.of(rules), IndicatorIndex.EMPTY, INDEXER.open(INDEXER.build(rules, r -> QueryAnalysis.EMPTY)),
                CatalogSummary.EMPTY, IngestReport.starting(java.time.Instant.now()), Map.of(),
                java.util.concurrent.CompletableFuture.completedFuture(io.rulescope.match.EventMatcher.EMPTY), java.util.Set.of("acme"), narrowing);
    }

    @Test
    void aReaderWhoMayNotSeeAPrivateSourceReadsOneViewWithoutItMadeOnceAndUnderItsOwnKey() {
        java.util.concurrent.atomic.AtomicInteger narrowed = new java.util.concurrent.atomic.AtomicInteger();
        CatalogHolder holder = new CatalogHolder();
        holder.publish(withPrivateSource(narrowed));
        Audience anyone = holder.audienceOf(java.util.Set.of(), false);

        try (CatalogHolder.Lease first = holder.acquire(anyone); CatalogHolder.Lease second = holder.acquire(anyone);
                CatalogHolder.Lease granted = holder.acquire(holder.audienceOf(java.util.Set.of("acme"), false));
                CatalogHolder.Lease admin = holder.acquire(holder.audienceOf(java.util.Set.of(), true))) {
            assertThat(first.catalog()).isSameAs(second.catalog()).isSameAs(holder.peekPublic());
            assertThat(first.catalog().rules().withId("id-Secret")).isEmpty();
            assertThat(first.catalog().index().size()).isEqualTo(1);
            assertThat(first.catalog().key()).isNotEqualTo(granted.catalog().key());
            assertThat(first.catalog().shows("acme")).isFalse();
            assertThat(granted.catalog()).isSameAs(admin.catalog()).isSameAs(holder.peek());
            assertThat(granted.catalog().rules().withId("id-Secret")).hasSize(1);
        }
        assertThat(narrowed).hasValue(1);
    }

    @Test
    void aViewIsClosedWithTheCatalogItWasMadeFromOnceTheLastReaderLetsGo() {
        CatalogHolder holder = new CatalogHolder();
        holder.publish(withPrivateSource(new java.util.concurrent.atomic.AtomicInteger()));
        CatalogHolder.Lease reading = holder.acquire(holder.audienceOf(java.util.Set.of(), false));
        Catalog view = reading.catalog();

        holder.publish(catalogOf(2, "Beta"));
        assertThat(view.references()).as("still read").isEqualTo(1);
        assertThat(view.index().size()).isEqualTo(1);

        reading.close();
        assertThat(view.references()).isZero();
        assertThatThrownBy(() -> new SearchService(AttackCatalog.load(null), FieldTaxonomy.NONE).list(view.index(), RuleFilter.NONE, 1, 10, "title"))
                .isInstanceOf(AlreadyClosedException.class);
    }
}
