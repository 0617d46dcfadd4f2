package io.rulescope.system;

import jakarta.servlet.ServletRequest;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;

/**
 * The catalog a request is served from, for code that runs outside a controller's parameters (interceptors): the
 * view its reader may see, or where the request took none, what anyone may see.
 */
public final class ServedCatalog {

    private ServedCatalog() {
    }

    public static Catalog of(ServletRequest request, CatalogHolder catalogs) {
        return CatalogRequestFilter.catalogOf(request, catalogs);
    }
}
