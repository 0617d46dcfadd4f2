package io.rulescope.indicator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.rulescope.query.FieldTaxonomy;

@Configuration(proxyBeanMethods = false)
class AnatomyConfiguration {

    @Bean
    FieldTaxonomy fieldTaxonomy() {
        return IndicatorAnalysis.shippedTaxonomy();
    }

    @Bean
    EventTables eventTables() {
        return IndicatorAnalysis.shippedEventTables();
    }

    static FieldTaxonomy loadTaxonomy(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, List<String>> concepts = new LinkedHashMap<>();
            if (doc instanceof Map<?, ?> root && root.get("concepts") instanceof Map<?, ?> entries) {
                entries.forEach((canonical, names) -> {
                    List<String> list = new ArrayList<>();
                    if (names instanceof List<?> l) {
                        l.forEach(n -> list.add(String.valueOf(n)));
                    }
                    concepts.put(String.valueOf(canonical), list);
                });
            }
            return new FieldTaxonomy(concepts);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path + " on the classpath", e);
        }
    }
}
