package io.rulescope.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.rulescope.dialect.sigma.SigmaAnalyzer;
import io.rulescope.query.FieldTaxonomy;

/** A Sigma detection block, written as YAML in a test, converted for a target. */
final class Detections {

    private Detections() {
    }

    static Target target(String id) {
        return Targets.byId(id).orElseThrow();
    }

    static Conversion convert(String detection, Target target) {
        return convert(detection, LogSource.ANY, target);
    }

    @SuppressWarnings("unchecked")
    static Conversion convert(String detection, LogSource logSource, Target target) {
        Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(detection);
        return SigmaConverter.convert(new SigmaAnalyzer(FieldTaxonomy.NONE).analyze(parsed), logSource, target);
    }

    static String query(String detection, Target target) {
        return query(detection, LogSource.ANY, target);
    }

    /** The one query a detection becomes, which must have nothing the target cannot express. */
    static String query(String detection, LogSource logSource, Target target) {
        Conversion c = convert(detection, logSource, target);
        assertThat(c.unsupported()).as("unsupported").isEmpty();
        assertThat(c.queries()).hasSize(1);
        return c.queries().get(0);
    }
}
