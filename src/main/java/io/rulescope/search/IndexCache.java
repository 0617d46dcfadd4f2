package io.rulescope.search;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small LRU cache for results derived from the index. The index only changes when ingest rebuilds it, so an
 * entry stays valid until the next rebuild; each rebuild bumps {@link RuleIndex#generation()} and empties the cache.
 */
public final class IndexCache<K, V> {

    private final RuleIndex index;
    private final int capacity;
    private final Map<K, V> entries;
    private long generation = -1;

    public IndexCache(RuleIndex index, int capacity) {
        this.index = index;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > IndexCache.this.capacity;
            }
        };
    }

    /** The cached value, or computes it (outside the lock, so slow work never blocks other readers). */
    public V get(K key, Function<K, V> compute) {
        long current = index.generation();
        synchronized (this) {
            if (generation != current) {
                entries.clear();
                generation = current;
            }
            V cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        V value = compute.apply(key);
        synchronized (this) {
            if (generation == current && value != null) {
                entries.put(key, value);
            }
        }
        return value;
    }
}
