package io.rulescope.catalog;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who reads, as far as the catalog cares: the private sources they may not see. Everyone sees every public source;
 * an admin, or a user granted every private source, sees all. Pages, counts, caches and ETags are per audience, so
 * two readers with the same hidden sources share them and nobody's answer leaks into another's.
 *
 * @param hidden names of the private sources this reader may not see, sorted
 */
public record Audience(Set<String> hidden) {

    /** Sees every source: where no source is private, everyone. */
    public static final Audience EVERYTHING = new Audience(Set.of());

    public Audience {
        hidden = java.util.Collections.unmodifiableSet(new TreeSet<>(hidden));
    }

    /** The audience that may see the private sources in {@code granted} and none of the others. */
    public static Audience of(Set<String> privateSources, Set<String> granted) {
        Set<String> hidden = new TreeSet<>(privateSources);
        hidden.removeAll(granted);
        return hidden.isEmpty() ? EVERYTHING : new Audience(hidden);
    }

    /** Sees no private source: anyone not signed in, and anyone granted none. */
    public static Audience publicOnly(Set<String> privateSources) {
        return of(privateSources, Set.of());
    }

    public boolean sees(String source) {
        return !hidden.contains(source);
    }

    public boolean isRestricted() {
        return !hidden.isEmpty();
    }
}
