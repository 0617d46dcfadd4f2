package io.rulescope.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.parser.AcceptEncoding;
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
 * <p>
 * Pages are kept gzipped, compressed once: browsers ask for gzip, so they get the kept bytes as they are, and a page
 * takes about a quarter of the budget it took as text, enough to keep every rule page of the shared corpus. A client
 * that does not accept gzip gets the page inflated, which costs a fiftieth of rendering it.
 */
@Component
// After Spring Security's chain (-100): a cached page is served only to someone allowed to read it.
@Order(-85)
@org.springframework.boot.context.properties.EnableConfigurationProperties(PageCacheProperties.class)
class PageCacheFilter extends OncePerRequestFilter {

    private final CatalogHolder catalogs;
    private final RuleHistories histories;
    private final boolean enabled;
    private final long budgetBytes;
    /** Rendered pages kept per catalog, weighed by their bytes. */
    private final io.rulescope.catalog.CacheKind<String, Page> pages;

    record Page(String contentType, byte[] gzipped) {
    }

    PageCacheFilter(CatalogHolder catalogs, RuleHistories histories, PageCacheProperties properties) {
        this.catalogs = catalogs;
        this.histories = histories;
        this.enabled = properties.enabled();
        this.budgetBytes = properties.maxBytes();
        this.pages = io.rulescope.catalog.CacheKind.made("rendered pages", catalog -> Caffeine.newBuilder()
                .maximumWeight(budgetBytes).weigher((String key, Page page) -> key.length() * 2 + page.gzipped().length).build());
    }

    /**
     * Not cached: the APIs, health, the ingest report, static files, redirects, {@code /search/export}, whose one
     * address is a page to a browser and a file to a script, collections (which change under a catalog), and anything asked by someone signed in (or who could
     * be): their pages carry their name and form tokens, and may show what anonymous readers may not.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !enabled || !"GET".equals(request.getMethod()) || path.startsWith("/api/") || path.startsWith("/actuator")
                || path.startsWith("/ingest") || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/rules/by-path/")
                || path.startsWith("/search/export") || path.equals("/sign-in") || UserData.is(request) || Personal.is(request);
    }

    private Cache<String, Page> pages(Catalog catalog) {
        return catalog.cache(pages);
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
        boolean gzip = acceptsGzip(request.getHeader("Accept-Encoding"));
        // The same URL answers gzip or text depending on this header; caches between here and the browser must know.
        response.addHeader("Vary", "Accept-Encoding");
        Page page = pages.getIfPresent(key);
        if (page != null) {
            response.setHeader("X-Page-Cache", "hit");
            write(response, page, gzip ? page.gzipped() : gunzip(page.gzipped()), gzip);
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        String type = wrapper.getContentType();
        if (wrapper.getStatus() == 200 && type != null && type.startsWith("text/html") && wrapper.getHeader("Location") == null
                && wrapper.getContentSize() <= budgetBytes / 4) {
            Page rendered = new Page(type, gzip(wrapper.getContentAsByteArray()));
            if (rendered.gzipped().length <= budgetBytes / 16) {
                pages.put(key, rendered);
            }
            if (gzip) {
                write(response, rendered, rendered.gzipped(), true);
                return;
            }
        }
        wrapper.copyBodyToResponse();
    }

    private static void write(HttpServletResponse response, Page page, byte[] body, boolean gzipped) throws IOException {
        response.setContentType(page.contentType());
        if (gzipped) {
            // Set before the body, so Tomcat sees the answer is already encoded and does not compress it again.
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Whether the client takes gzip, read as Tomcat's own compression reads the header. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        try {
            return AcceptEncoding.parse(new StringReader(acceptEncoding)).stream()
                    .anyMatch(e -> "gzip".equalsIgnoreCase(e.getEncoding()) && e.getQuality() > 0);
        } catch (IOException | RuntimeException malformed) {
            return false;
        }
    }

    /**
     * Fastest level: every page is compressed on a miss, and distinct searches miss every time. On rule pages of the
     * shared corpus level 1 took 110 us against 240 us for the default level 6, for 15% more bytes (4.1 to 1 against
     * 4.8 to 1).
     */
    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192)) {
            return in.readAllBytes();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
