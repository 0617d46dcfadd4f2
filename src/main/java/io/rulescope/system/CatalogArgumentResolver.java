package io.rulescope.system;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;

/**
 * Hands controllers the catalog their request took ({@link CatalogRequestFilter}). Without the filter (an error
 * dispatch, a test slice) it is what anyone may read of the current one.
 */
final class CatalogArgumentResolver implements HandlerMethodArgumentResolver {

    private final CatalogHolder catalogs;

    CatalogArgumentResolver(CatalogHolder catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Catalog.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        Object attribute = request.getAttribute(CatalogRequestFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return attribute instanceof Catalog catalog ? catalog : catalogs.peekPublic();
    }
}
