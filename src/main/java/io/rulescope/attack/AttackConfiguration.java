package io.rulescope.attack;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AttackConfiguration {

    @Bean
    AttackCatalog attackCatalog(@Value("${rulescope.attack.bundle:}") String bundle) {
        return AttackCatalog.load(bundle);
    }
}
