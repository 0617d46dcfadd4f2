package io.rulescope.dialect.sigma;

import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/** Renders one search identifier back to YAML for its stage on the rule page. */
final class SigmaText {

    private SigmaText() {
    }

    /**
     * One per thread, since a Yaml is not thread-safe: made anew for every search identifier of every Sigma rule, its
     * setup was a fifth of this rendering's cost during ingest.
     */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(() -> {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(4);
        options.setWidth(200);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
    });

    static String of(String identifier, Object value) {
        return YAML.get().dump(Map.of(identifier, value == null ? "null" : value)).stripTrailing();
    }
}
