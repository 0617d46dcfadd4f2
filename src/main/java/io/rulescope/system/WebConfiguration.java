package io.rulescope.system;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.rulescope.catalog.CatalogHolder;
import io.rulescope.ingest.IngestService;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final IngestService ingest;
    private final CatalogHolder catalogs;

    WebConfiguration(IngestService ingest, CatalogHolder catalogs) {
        this.ingest = ingest;
        this.catalogs = catalogs;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LayoutInterceptor(ingest, catalogs));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CatalogArgumentResolver(catalogs));
    }
}
