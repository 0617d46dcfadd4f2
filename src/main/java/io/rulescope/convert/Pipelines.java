package io.rulescope.convert;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The field-mapping pipelines of {@code content/convert/pipelines.yml}, read once. */
public final class Pipelines {

    private static final String PATH = "content/convert/pipelines.yml";

    private static final Map<String, Pipeline> ALL = load();

    private Pipelines() {
    }

    public static Optional<Pipeline> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    public static Pipeline get(String id) {
        return byId(id).orElseThrow(() -> new IllegalStateException(PATH + " has no pipeline " + id));
    }

    private static Map<String, Pipeline> load() {
        try (InputStream in = new ClassPathResource(PATH).getInputStream()) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Pipeline> pipelines = new LinkedHashMap<>();
            map(doc.get("pipelines")).forEach((id, body) -> pipelines.put(id, pipeline(id, map(body))));
            return Map.copyOf(pipelines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PATH, e);
        }
    }

    private static Pipeline pipeline(String id, Map<String, Object> body) {
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        map(body.get("services")).forEach((service, conditions) -> services.put(service, strings(conditions)));
        List<Pipeline.SourceMapping> sources = new ArrayList<>();
        for (Object entry : list(body.get("sources"))) {
            Map<String, Object> source = map(entry);
            Map<String, Map<String, String>> values = new LinkedHashMap<>();
            map(source.get("values")).forEach((field, prefixes) -> values.put(field.toLowerCase(java.util.Locale.ROOT), strings(prefixes)));
            sources.add(new Pipeline.SourceMapping(names(source.get("categories")), names(source.get("services")), text(source.get("table")),
                    text(source.get("dataModel")), strings(source.get("conditions")), strings(source.get("fields")), Map.copyOf(values)));
        }
        return new Pipeline(id, text(body.get("name")), Boolean.TRUE.equals(body.get("strict")), text(body.get("prefix")),
                names(body.get("indexes")), names(body.get("products")), strings(body.get("fields")), Map.copyOf(services), List.copyOf(sources));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static List<String> names(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    /** A map of names, in the file's order (a tstats search groups by its fields in that order). */
    private static Map<String, String> strings(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        map(value).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
