package io.rulescope.attack;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AttackConfiguration {

    @Bean
    AttackCatalog attackCatalog(AttackProperties properties) {
        return AttackCatalog.load(properties.bundle());
    }
}
