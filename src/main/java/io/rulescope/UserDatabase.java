package io.rulescope;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import io.rulescope.account.AccessTokens;
import io.rulescope.collection.Collections;

/**
 * The repositories of what users create, on Spring Boot's own {@code spring.datasource}: named here because the
 * history database's repositories ({@code HistoryDatabase}) turn off Boot's scan for them.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = { Collections.class, AccessTokens.class })
public class UserDatabase {
}
