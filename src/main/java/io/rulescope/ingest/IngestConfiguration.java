package io.rulescope.ingest;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
     * Hands the database to ingest the moment Hibernate has built it, while the context is still starting the web
     * server and the rest: ingest has usually read everything by then, and its persist need not wait for the whole
     * application. Static, and reaching the service lazily, so this post-processor pulls no bean in early.
     */
    @Bean
    static BeanPostProcessor catalogStoreWhenDatabaseIsUp(ObjectProvider<IngestService> ingest) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EntityManagerFactory factory) {
                    ingest.ifAvailable(service -> service.storeReady(new JpaCatalogStore(factory)));
                }
                return bean;
            }
        };
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
