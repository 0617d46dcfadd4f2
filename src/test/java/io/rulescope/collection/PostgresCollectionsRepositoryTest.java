package io.rulescope.collection;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The collection repository tests against a real PostgreSQL server, which {@code .ci/run} installs and starts
 * ({@code .ci/postgres.sh}) and names in {@code RULESCOPE_TEST_POSTGRES_URL}. Without it, JUnit reports these skipped.
 */
@EnabledIfEnvironmentVariable(named = "RULESCOPE_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*",
        disabledReason = "no PostgreSQL server: set RULESCOPE_TEST_POSTGRES_URL (.ci/run starts one) to run these on it")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class PostgresCollectionsRepositoryTest extends CollectionsRepositoryTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getenv("RULESCOPE_TEST_POSTGRES_URL"));
        registry.add("spring.datasource.username", () -> System.getenv("RULESCOPE_TEST_POSTGRES_USER"));
        registry.add("spring.datasource.password", () -> System.getenv("RULESCOPE_TEST_POSTGRES_PASSWORD"));
    }
}
