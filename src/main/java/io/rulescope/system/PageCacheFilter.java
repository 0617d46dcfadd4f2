package io.rulescope.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import io.rulescope.ingest.IngestService;
import io.rulescope.search.RuleIndex;

/**
 * Keeps rendered HTML pages until the next ingest. Pages depend only on the catalog, which changes only when ingest
 * rebuilds the index, so a page rendered once can be served again as it is. Only complete, successful GETs are kept,
 * never while the catalog is loading, within a fixed byte budget.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PageCacheFilter extends OncePerRequestFilter {

    private final IngestService ingest;
    private final RuleIndex index;
    private final boolean enabled;
    private final long budgetBytes;
    private final Map<String, Page> pages = new LinkedHashMap<>(256, 0.75f, true);
    private long generation = -1;
    private long bytes;

    record Page(String contentType, byte[] body) {
    }

    PageCacheFilter(IngestService ingest, RuleIndex index, @Value("${rulescope.page-cache.enabled:true}") boolean enabled,
            @Value("${rulescope.page-cache.max-bytes:33554432}") long budgetBytes) {
        this.ingest = ingest;
        this.index = index;
        this.enabled = enabled;
        this.budgetBytes = budgetBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !enabled || !"GET".equals(request.getMethod()) || path.startsWith("/api/") || path.startsWith("/actuator")
                || path.startsWith("/ingest") || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/rules/by-path/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ingest.report().isReady()) {
            chain.doFilter(request, response);
            return;
        }
        // Pages carry absolute URLs (canonical link, Open Graph), so the host they were asked for is part of the key.
        String key = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        long current = index.generation();
        Page page = lookup(key, current);
        if (page != null) {
            response.setContentType(page.contentType());
            response.setContentLength(page.body().length);
            response.setHeader("X-Page-Cache", "hit");
            response.getOutputStream().write(page.body());
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        String type = wrapper.getContentType();
        if (wrapper.getStatus() == 200 && type != null && type.startsWith("text/html") && wrapper.getHeader("Location") == null) {
            store(key, new Page(type, wrapper.getContentAsByteArray()), current);
        }
        wrapper.copyBodyToResponse();
    }

    private synchronized Page lookup(String key, long current) {
        if (generation != current) {
            pages.clear();
            bytes = 0;
            generation = current;
        }
        return pages.get(key);
    }

    private synchronized void store(String key, Page page, long current) {
        if (generation != current || page.body().length > budgetBytes / 16) {
            return;
        }
        Page old = pages.put(key, page);
        bytes += page.body().length - (old == null ? 0 : old.body().length);
        var eldest = pages.entrySet().iterator();
        while (bytes > budgetBytes && eldest.hasNext()) {
            bytes -= eldest.next().getValue().body().length;
            eldest.remove();
        }
    }
}
