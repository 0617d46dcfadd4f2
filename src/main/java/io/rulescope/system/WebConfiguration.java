package io.rulescope.system;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.linkbuilder.StandardLinkBuilder;

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

    /**
     * Smile is on the class path for the snapshots only: Spring would otherwise offer it as an answer format (an
     * error asked for as Smile was written in Smile), a second API surface nobody asked for.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(converter -> converter.getSupportedMediaTypes()
                .stream().anyMatch(type -> type.getSubtype().contains("smile"))));
    }

    /**
     * Page links are written as built, with the context path but without the servlet response's {@code encodeURL}:
     * that exists to add session ids to URLs, and the application keeps no sessions. Tomcat builds an absolute URL to
     * decide each time, about 2.5% of a rule page's CPU (JFR, distinct rule pages).
     */
    @Bean
    static BeanPostProcessor linksWithoutSessionRewriting() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof TemplateEngine engine) {
                    engine.setLinkBuilder(new StandardLinkBuilder() {
                        @Override
                        protected String processLink(IExpressionContext context, String link) {
                            return link;
                        }
                    });
                }
                return bean;
            }
        };
    }
}
