package io.rulescope.ingest;

import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.setup.IngestThreads;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Ingest's threads, closed with the context. */
    @Bean(destroyMethod = "close")
    IngestThreads ingestThreads(IngestProperties properties) {
        return new IngestThreads(properties.effectiveThreads());
    }

    /**
     * The ingest service made before Hibernate: reading and parsing need no database, so they start while Hibernate
     * builds itself on the main thread (about half a second) rather than after. Only where the service exists (the
     * JPA test slices have no ingest).
     */
    @Bean
    static BeanFactoryPostProcessor ingestStartsBeforeHibernate() {
        return factory -> {
            if (factory.containsBeanDefinition("ingestService")) {
                new EntityManagerFactoryDependsOnPostProcessor("ingestService").postProcessBeanFactory(factory);
            }
        };
    }
}
