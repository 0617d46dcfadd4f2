package io.rulescope.web.ingest;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed admin-token attempts per client address: after {@link #ALLOWED} failures within {@link #WINDOW_SECONDS} a
 * client is turned away until its window ends, so a token cannot be guessed at request speed. The table keeps at most
 * {@link #MAX_CLIENTS} addresses, the oldest dropped first, so a flood of addresses cannot grow it.
 */
final class AdminAttempts {

    static final int ALLOWED = 5;
    static final long WINDOW_SECONDS = 60;
    static final int MAX_CLIENTS = 10_000;

    private record Window(long start, int failures) {
    }

    private final Clock clock;
    private final Map<String, Window> byClient = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    AdminAttempts(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until this client may try again, or 0 when it may now. */
    synchronized long waitSeconds(String client) {
        Window w = byClient.get(client);
        long now = clock.millis() / 1000;
        if (w == null || now - w.start() >= WINDOW_SECONDS) {
            return 0;
        }
        return w.failures() >= ALLOWED ? WINDOW_SECONDS - (now - w.start()) : 0;
    }

    synchronized int failed(String client) {
        long now = clock.millis() / 1000;
        Window w = byClient.get(client);
        Window next = w == null || now - w.start() >= WINDOW_SECONDS ? new Window(now, 1) : new Window(w.start(), w.failures() + 1);
        byClient.put(client, next);
        return next.failures();
    }
}
