package io.rulescope.catalog;

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
        while (true) {
            Catalog catalog = current.get();
            if (catalog.tryAcquire()) {
                return new Lease(catalog);
            }
            // Replaced and fully released between the read and the acquire: the newer one is current now.
        }
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

    /** A held catalog; closing it twice is harmless. */
    public static final class Lease implements AutoCloseable {

        private final Catalog catalog;
        private boolean closed;

        Lease(Catalog catalog) {
            this.catalog = catalog;
        }

        public Catalog catalog() {
            return catalog;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                catalog.release();
            }
        }
    }
}
