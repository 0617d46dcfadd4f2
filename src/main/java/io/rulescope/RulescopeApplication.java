package io.rulescope;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RulescopeApplication {

    public static void main(String[] args) {
        SpringApplication.run(RulescopeApplication.class, args);
    }
}
