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

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.history.RuleHistories;

/**
 * HTTP caching as the web does it: every page and API answer of one catalog is the same until the next catalog (or
 * the history read after it), so its ETag is the catalog's key plus the history's version. A browser or a reverse
 * proxy that sends it back in {@code If-None-Match} gets {@code 304 Not Modified} without anything being rendered.
 * Replicas over the same commits share keys, so their ETags agree. Live state ({@code /ingest}, health) and what
 * users change (collections, accounts) are left out.
 * <p>
 * The ETag is weak ({@code W/"..."}): one catalog's answer is the same whether it travels gzipped or as text, and
 * Tomcat, like nginx, does not compress an answer whose ETag is strong (a strong one promises identical bytes), so a
 * strong ETag sent every page to browsers uncompressed. {@code If-None-Match} compares weakly anyway.
 */
@Component
// After Spring Security's chain (-100): a 304 is an answer too, and only those allowed to read get one.
@Order(-90)
class CatalogEtagFilter extends OncePerRequestFilter {

    private final CatalogHolder catalogs;
    private final RuleHistories histories;

    CatalogEtagFilter(CatalogHolder catalogs, RuleHistories histories) {
        this.catalogs = catalogs;
        this.histories = histories;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) || path.startsWith("/actuator")
                || path.startsWith("/ingest") || path.startsWith("/api/ingest") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.equals("/favicon.svg") || UserData.is(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Personal.is(request)) {
            // One person's answer (their name, their tokens, perhaps private rules): no shared cache may keep it.
            response.setHeader("Cache-Control", "private, no-store");
            chain.doFilter(request, response);
            return;
        }
        Catalog catalog = CatalogRequestFilter.catalogOf(request, catalogs);
        if (!catalog.isReady()) {
            // While loading, answers change from one moment to the next.
            response.setHeader("Cache-Control", "no-store");
            chain.doFilter(request, response);
            return;
        }
        String etag = "W/\"" + catalog.key() + "-" + histories.version() + "\"";
        String presented = request.getHeader("If-None-Match");
        response.setHeader("ETag", etag);
        // Reuse, but ask each time: a refresh can publish a new catalog at any moment.
        response.setHeader("Cache-Control", "no-cache");
        if (presented != null && matches(presented, etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean matches(String presented, String etag) {
        for (String candidate : presented.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || opaque(c).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    /** The tag without its weakness mark: If-None-Match compares tags weakly (RFC 9110, 13.1.2). */
    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
