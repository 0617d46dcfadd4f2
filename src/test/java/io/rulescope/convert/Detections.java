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

    @SuppressWarnings("unchecked")
    static Conversion convert(String detection, Target target) {
        Map<String, Object> parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(detection);
        return SigmaConverter.convert(new SigmaAnalyzer(FieldTaxonomy.NONE).analyze(parsed), target);
    }

    /** The one query a detection becomes, which must have nothing the target cannot express. */
    static String query(String detection, Target target) {
        Conversion c = convert(detection, target);
        assertThat(c.unsupported()).as("unsupported").isEmpty();
        assertThat(c.queries()).hasSize(1);
        return c.queries().get(0);
    }
}
