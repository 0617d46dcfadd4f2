package io.rulescope.web.collection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.rulescope.account.Grants;
import io.rulescope.account.Role;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.collection.Collections;
import io.rulescope.system.ServedCatalog;

/**
 * Gives a rule page and a search page the collections an editor can add to, so that those pages (which know nothing of
 * collections) can offer "add to collection". Anonymous pages get none, and stay the same for everyone.
 */
@Configuration(proxyBeanMethods = false)
class CollectionChoices implements WebMvcConfigurer, HandlerInterceptor {

    /** Through a provider: MVC test slices, which load every MVC configurer, have no database. */
    private final ObjectProvider<Collections> collections;
    private final CatalogHolder catalogs;

    CollectionChoices(ObjectProvider<Collections> collections, CatalogHolder catalogs) {
        this.collections = collections;
        this.catalogs = catalogs;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/rules/**", "/search");
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView mav) {
        if (mav == null || mav.wasCleared() || mav.getViewName() == null || !(mav.getViewName().equals("rules/rule") || mav.getViewName().equals("search"))) {
            return;
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (Grants.has(user, Role.EDITOR)) {
            Catalog served = ServedCatalog.of(request, catalogs);
            mav.addObject("collectionChoices", collections.getObject().list(served::shows));
        }
    }
}
