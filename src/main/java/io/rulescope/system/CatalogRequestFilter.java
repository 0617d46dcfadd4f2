package io.rulescope.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.rulescope.account.Grants;
import io.rulescope.account.Role;
import io.rulescope.catalog.Audience;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;

/**
 * Takes the current catalog once when a request arrives and holds it until the answer is written, so every part of
 * the answer (the page cache, the controller, the layout) reads the same ingest, and a refresh that swaps in a new
 * catalog meanwhile cannot close the index under it. Controllers receive it as a {@link Catalog} parameter.
 */
@Component
// After Spring Security's chain (-100), which says who is asking and so which view of the catalog they may read;
// before the ETag (-90) and the page cache (-85), which are kept per view.
@Order(-95)
class CatalogRequestFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = Catalog.class.getName();

    private final CatalogHolder catalogs;

    CatalogRequestFilter(CatalogHolder catalogs) {
        this.catalogs = catalogs;
    }

    /**
     * The catalog this request took; where it took none (an error dispatch, a test slice), what anyone may read of the
     * current one.
     */
    static Catalog catalogOf(jakarta.servlet.ServletRequest request, CatalogHolder catalogs) {
        return request.getAttribute(ATTRIBUTE) instanceof Catalog catalog ? catalog : catalogs.peekPublic();
    }

    /** What the signed-in user (or anyone, when nobody is) may read: an admin every source, others those granted. */
    static Audience audienceOf(CatalogHolder catalogs) {
        if (catalogs.privateSources().isEmpty()) {
            return Audience.EVERYTHING;
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return catalogs.audienceOf(Grants.sources(user), Grants.has(user, Role.ADMIN));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (CatalogHolder.Lease lease = catalogs.acquire(audienceOf(catalogs))) {
            request.setAttribute(ATTRIBUTE, lease.catalog());
            chain.doFilter(request, response);
        } finally {
            request.removeAttribute(ATTRIBUTE);
        }
    }
}
