package io.rulescope.catalog;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One kind of answer a catalog keeps (rule views, search answers, matrices, rendered pages), with the types of its
 * keys and values and how its cache is made. Each kind is one object, held by the component that fills it; a catalog
 * keeps one cache per kind ({@link Catalog#cache}).
 */
public final class CacheKind<K, V> {

    private final String name;
    private final Function<Catalog, Cache<K, V>> create;

    private CacheKind(String name, Function<Catalog, Cache<K, V>> create) {
        this.name = name;
        this.create = create;
    }

    /** A kind whose caches keep at most {@code maximumSize} entries, the least used evicted first. */
    public static <K, V> CacheKind<K, V> sized(String name, long maximumSize) {
        return new CacheKind<>(name, catalog -> Caffeine.newBuilder().maximumSize(maximumSize).build());
    }

    /** A kind whose caches {@code create} makes for the catalog that will hold one (weighed by bytes, say). */
    public static <K, V> CacheKind<K, V> made(String name, Function<Catalog, Cache<K, V>> create) {
        return new CacheKind<>(name, create);
    }

    Cache<K, V> create(Catalog catalog) {
        return create.apply(catalog);
    }

    @Override
    public String toString() {
        return name;
    }
}
