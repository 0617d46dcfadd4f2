package io.rulescope.system;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests that read a body or write a large answer (event matching, batches, exports, layers, search comparisons)
 * take one of a few places, half the request threads by default, and are turned away at once (503 with Retry-After)
 * when every place is taken. Eight slow uploads or eight large batches used to hold every request thread, so pages,
 * searches and the health check waited behind them; now the other half always serves them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class HeavyRequestsFilter extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 2;

    private final Semaphore places;
    private final int concurrency;

    HeavyRequestsFilter(Environment environment) {
        int configured = environment.getProperty("rulescope.heavy-requests.concurrency", Integer.class, 0);
        int threads = environment.getProperty("server.tomcat.threads.max", Integer.class,
                WorkerThreads.threads(Runtime.getRuntime().availableProcessors()));
        this.concurrency = configured > 0 ? configured : Math.max(1, threads / 2);
        this.places = new Semaphore(concurrency);
    }

    static boolean isHeavy(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean post = "POST".equals(request.getMethod());
        return post && (path.equals("/match") || path.startsWith("/api/match") || path.equals("/convert") || path.equals("/api/convert")
                || path.endsWith("/import"))
                || path.startsWith("/export/") || path.startsWith("/search/export") || path.equals("/api/navigator") || path.equals("/compare");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isHeavy(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (!places.tryAcquire()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            // Closing the connection spares the thread from reading the rest of a body it turned away: a slow client
            // would otherwise hold it while its unread bytes trickle in.
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"error\":\"as many matches, batches and exports as may run at once are running ("
                    + concurrency + "); try again in a moment\"}");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            places.release();
        }
    }
}
