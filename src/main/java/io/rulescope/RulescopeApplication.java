package io.rulescope;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;

import io.rulescope.account.AccessTokens;
import io.rulescope.collection.Collections;

@SpringBootApplication
@ConfigurationPropertiesScan
// The user database maps what users create; rule histories are mapped by their own database (history/store).
@EntityScan(basePackageClasses = { Collections.class, AccessTokens.class })
public class RulescopeApplication {

    public static void main(String[] args) {
        SpringApplication.run(RulescopeApplication.class, args);
    }
}
