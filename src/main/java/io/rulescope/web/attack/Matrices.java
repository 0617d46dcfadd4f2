package io.rulescope.web.attack;

import com.github.benmanes.caffeine.cache.Cache;
import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.AttackMatrix;
import io.rulescope.catalog.CacheKind;
import io.rulescope.catalog.Catalog;
import io.rulescope.search.SearchService;
import io.rulescope.web.CacheProperties;
import org.springframework.stereotype.Component;

/** The ATT&amp;CK matrix of a search (all rules for none), kept as long as the catalog, for the page and the API. */
@Component
class Matrices {

    private final AttackCatalog attack;
    private final SearchService search;
    private final CacheKind<String, AttackMatrix> kept;

    Matrices(AttackCatalog attack, SearchService search, CacheProperties caches) {
        this.attack = attack;
        this.search = search;
        this.kept = CacheKind.sized("matrices", caches.matrices());
    }

    AttackMatrix of(Catalog catalog, String q) {
        AttackMatrix.Counts counts = search.matrixCounts(catalog.index(), q);
        Cache<String, AttackMatrix> matrices = catalog.cache(kept);
        return matrices.get(search.cacheKey(q == null ? "" : q.strip(), 0, 0, "matrix"), k -> AttackMatrix.of(attack, counts));
    }
}
