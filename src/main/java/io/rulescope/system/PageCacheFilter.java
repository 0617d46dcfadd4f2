package io.rulescope.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.history.RuleHistories;

/**
 * Keeps rendered HTML pages as long as the catalog they were rendered from. Pages depend only on the catalog, so a page
 * rendered once can be served again as it is until a new catalog is published; the cache hangs off the catalog and
 * dies with it. Only complete, successful GETs are kept, never while the catalog is loading, within a byte budget.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@org.springframework.boot.context.properties.EnableConfigurationProperties(PageCacheProperties.class)
class PageCacheFilter extends OncePerRequestFilter {

    private final CatalogHolder catalogs;
    private final RuleHistories histories;
    private final boolean enabled;
    private final long budgetBytes;

    record Page(String contentType, byte[] body) {
    }

    PageCacheFilter(CatalogHolder catalogs, RuleHistories histories, PageCacheProperties properties) {
        this.catalogs = catalogs;
        this.histories = histories;
        this.enabled = properties.enabled();
        this.budgetBytes = properties.maxBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !enabled || !"GET".equals(request.getMethod()) || path.startsWith("/api/") || path.startsWith("/actuator")
                || path.startsWith("/ingest") || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/rules/by-path/");
    }

    private Cache<String, Page> pages(Catalog catalog) {
        return catalog.cache("rendered pages", () -> Caffeine.newBuilder().maximumWeight(budgetBytes)
                .weigher((String key, Page page) -> key.length() * 2 + page.body().length).build());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Catalog catalog = CatalogRequestFilter.catalogOf(request, catalogs);
        if (!catalog.isReady()) {
            chain.doFilter(request, response);
            return;
        }
        // Pages carry absolute URLs (canonical link, Open Graph), so the host they were asked for is part of the key;
        // rule pages show history, which is read after the catalog serves, so its version is part of it too.
        String key = histories.version() + " " + request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Cache<String, Page> pages = pages(catalog);
        Page page = pages.getIfPresent(key);
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
        if (wrapper.getStatus() == 200 && type != null && type.startsWith("text/html") && wrapper.getHeader("Location") == null
                && wrapper.getContentSize() <= budgetBytes / 16) {
            pages.put(key, new Page(type, wrapper.getContentAsByteArray()));
        }
        wrapper.copyBodyToResponse();
    }
}
