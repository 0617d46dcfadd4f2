package io.rulescope.history.store;

import java.util.Map;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.repository.config.BootstrapMode;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * Rule histories live in a database of their own, always an H2 file in this replica's data folder: they are derived
 * from git and each replica reads its own, while {@code spring.datasource} holds what users create and replicas share
 * (PostgreSQL when several run). Declared as non-default candidates, so Spring Boot still configures the user database,
 * its JPA and its Flyway exactly as if this one did not exist. Made when first used (the history is read after the
 * catalog serves), so its Hibernate and Flyway are not on the way to the first page.
 */
@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(basePackageClasses = HistoryDatabase.class, entityManagerFactoryRef = HistoryDatabase.ENTITY_MANAGERS,
        transactionManagerRef = HistoryDatabase.TRANSACTIONS, bootstrapMode = BootstrapMode.LAZY)
public class HistoryDatabase {

    static final String ENTITY_MANAGERS = "historyEntityManagers";
    public static final String TRANSACTIONS = "historyTransactions";

    @Bean(defaultCandidate = false)
    @Lazy
    @Qualifier("history")
    HikariDataSource historyDataSource(@Value("${rulescope.history.database-url}") String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("sa");
        dataSource.setPoolName("history");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/history").load().migrate();
        return dataSource;
    }

    @Bean(name = ENTITY_MANAGERS, defaultCandidate = false)
    @Lazy
    LocalContainerEntityManagerFactoryBean historyEntityManagers(@Qualifier("history") DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(HistoryDatabase.class.getPackageName());
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setPersistenceUnitName("history");
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "validate", "hibernate.jdbc.batch_size", "100",
                "hibernate.order_inserts", "true"));
        return factory;
    }

    @Bean(name = TRANSACTIONS, defaultCandidate = false)
    @Lazy
    JpaTransactionManager historyTransactions(@Qualifier(ENTITY_MANAGERS) EntityManagerFactory entityManagers) {
        return new JpaTransactionManager(entityManagers);
    }
}
