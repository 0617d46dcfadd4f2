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

/**
 * Takes the current catalog once when a request arrives and holds it until the answer is written, so every part of
 * the answer (the page cache, the controller, the layout) reads the same ingest, and a refresh that swaps in a new
 * catalog meanwhile cannot close the index under it. Controllers receive it as a {@link Catalog} parameter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogRequestFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = Catalog.class.getName();

    private final CatalogHolder catalogs;

    CatalogRequestFilter(CatalogHolder catalogs) {
        this.catalogs = catalogs;
    }

    /** The catalog this request took; the current one where it took none (an error dispatch, a test slice). */
    static Catalog catalogOf(jakarta.servlet.ServletRequest request, CatalogHolder catalogs) {
        return request.getAttribute(ATTRIBUTE) instanceof Catalog catalog ? catalog : catalogs.peek();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (CatalogHolder.Lease lease = catalogs.acquire()) {
            request.setAttribute(ATTRIBUTE, lease.catalog());
            chain.doFilter(request, response);
        } finally {
            request.removeAttribute(ATTRIBUTE);
        }
    }
}
