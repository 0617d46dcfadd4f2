package io.rulescope.catalog;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The current {@link Catalog}: published with one atomic swap, read by taking a {@link Lease} that keeps it open
 * until released. A catalog replaced while requests still read it closes when the last of them lets go.
 */
@Component
public class CatalogHolder {

    private static final Logger log = LoggerFactory.getLogger(CatalogHolder.class);

    private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.loading());
    private final AtomicLong generations = new AtomicLong();
    private volatile Set<String> declaredPrivate = Set.of();

    /** The number the next published catalog should carry. */
    public long nextGeneration() {
        return generations.incrementAndGet();
    }

    /** Makes {@code next} the catalog every new request reads; the one it replaces is released. */
    public void publish(Catalog next) {
        Catalog previous = current.getAndSet(next);
        log.info("Serving {} (replaces {})", next, previous);
        previous.release();
    }

    /** A reference to the current catalog, which stays usable until {@link Lease#close()}. */
    public Lease acquire() {
        return acquire(Audience.EVERYTHING);
    }

    /**
     * A reference to what {@code reader} may read of the current catalog ({@link Catalog#viewFor}); the catalog it
     * is a view of stays open until {@link Lease#close()}.
     */
    public Lease acquire(Audience reader) {
        while (true) {
            Catalog catalog = current.get();
            if (catalog.tryAcquire()) {
                try {
                    return new Lease(catalog, catalog.viewFor(reader));
                } catch (RuntimeException | Error e) {
                    catalog.release();
                    throw e;
                }
            }
            // Replaced and fully released between the read and the acquire: the newer one is current now.
        }
    }

    /**
     * Declares the sources configured private before any catalog holding them is built, so that what is served while
     * the first ingest runs (its progress, its problems) is already told apart by audience.
     */
    public void declarePrivateSources(Set<String> names) {
        declaredPrivate = Set.copyOf(names);
    }

    /** The sources only readers granted them may see: those declared and those of the current catalog. */
    public Set<String> privateSources() {
        Set<String> fromCatalog = current.get().privateSources();
        if (fromCatalog.isEmpty() || fromCatalog.equals(declaredPrivate)) {
            return declaredPrivate;
        }
        Set<String> all = new TreeSet<>(declaredPrivate);
        all.addAll(fromCatalog);
        return all;
    }

    /** The audience of someone granted {@code granted} of the private sources ({@code everything}: an admin). */
    public Audience audienceOf(Set<String> granted, boolean everything) {
        return everything ? Audience.EVERYTHING : Audience.of(privateSources(), granted);
    }

    /** Runs {@code work} over the current catalog, holding it for exactly that long. */
    public <T> T read(Function<Catalog, T> work) {
        try (Lease lease = acquire()) {
            return work.apply(lease.catalog());
        }
    }

    /**
     * The current catalog without taking a reference: for checks of its state and totals only. Anything that reads
     * its index must hold a {@link Lease}.
     */
    public Catalog peek() {
        return current.get();
    }

    /**
     * What anyone may read of the current catalog, without taking a reference: the answer of last resort (an error
     * page, a request that took no catalog), which must never show a private source to whoever it is.
     */
    public Catalog peekPublic() {
        Catalog catalog = current.get();
        return catalog.viewFor(Audience.publicOnly(privateSources()));
    }

    /** A held catalog (or a view of it, which lives as long as the catalog); closing it twice is harmless. */
    public static final class Lease implements AutoCloseable {

        private final Catalog held;
        private final Catalog catalog;
        private boolean closed;

        Lease(Catalog held, Catalog catalog) {
            this.held = held;
            this.catalog = catalog;
        }

        public Catalog catalog() {
            return catalog;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                held.release();
            }
        }
    }
}
