package io.rulescope.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.ingest.IngestService;

/**
 * Gives every rendered page the state of the catalog it was rendered from, so the layout can say when the catalog
 * is still loading (with the first ingest's progress), and who is signed in. Only requests that render a view get it; JSON skips the work.
 */
class LayoutInterceptor implements HandlerInterceptor {

    private final IngestService ingest;
    private final CatalogHolder catalogs;

    LayoutInterceptor(IngestService ingest, CatalogHolder catalogs) {
        this.ingest = ingest;
        this.catalogs = catalogs;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav != null && !mav.wasCleared() && !mav.getModel().containsKey("ingestState")) {
            Catalog catalog = CatalogRequestFilter.catalogOf(request, catalogs);
            mav.addObject("ingestState", catalog.isReady() ? catalog.report() : ingest.report(catalog.audience()));
            mav.addObject("signedIn", SignedIn.of(SecurityContextHolder.getContext().getAuthentication()));
        }
    }
}
