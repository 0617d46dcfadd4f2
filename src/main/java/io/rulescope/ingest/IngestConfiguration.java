package io.rulescope.ingest;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

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
}
