package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.convert.ExportFormat;
import io.rulescope.convert.RuleExport;
import io.rulescope.convert.SiemFiles;
import io.rulescope.convert.Targets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Sigma rule of the shared corpus exported for each SIEM, and each file read back as that SIEM reads it:
 * the Sentinel YAML and ARM template and the Elastic NDJSON validated against JSON Schemas of their published
 * formats, the savedsearches.conf parsed as Splunk parses a .conf file. Prints the counts and the time per export.
 */
@EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = SharedData.MISSING)
class SiemExportCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Catalog catalog;
    static AttackCatalog attack;

    @BeforeAll
    static void load() {
        catalog = SharedCatalogs.sigma();
        attack = AttackCatalog.load(SharedData.attackBundle().toString());
    }

    private static RuleExport export(String target) {
        return RuleExport.of(catalog.rules().all(), catalog.indicators()::analysisOf, Targets.byId(target).orElseThrow());
    }

    private static String write(ExportFormat format, RuleExport export) {
        long started = System.nanoTime();
        String file = SiemFiles.write(format, export, attack, "test export\nof the shared corpus");
        System.out.printf("Export to %s as %s: %d rules converted, %d not, %d rules of other platforms; %d KiB; %.0f ms to write%n",
                export.target().id(), format.id(), export.converted().size(), export.refused().size(), export.otherPlatforms(),
                file.length() / 1024, (System.nanoTime() - started) / 1e6);
        return file;
    }

    private static Schema schema(String name) throws IOException {
        try (InputStream in = SiemExportCorpusTest.class.getResourceAsStream("/convert/schemas/" + name)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void elasticNdjsonHasOneValidDetectionRulePerLine() throws IOException {
        Schema schema = schema("elastic-detection-rule.schema.json");
        for (String target : List.of("lucene-ecs", "eql-ecs", "esql-ecs")) {
            RuleExport export = export(target);
            String[] lines = write(ExportFormat.ELASTIC_NDJSON, export).split("\n");

            assertThat(lines).hasSize(export.converted().size());
            for (String line : lines) {
                JsonNode rule = JSON.readTree(line);
                assertThat(schema.validate(rule)).as(target + ": " + rule.path("name").asString()).isEmpty();
            }
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"framework\":\"MITRE ATT&CK\"", "\"subtechnique\""));
        }
    }

    @Test
    void sentinelYamlAndArmTemplateAreValidAnalyticsRules() throws IOException {
        Schema yamlSchema = schema("sentinel-analytics-rule.schema.json");
        Schema armSchema = schema("sentinel-arm-alert-rules.schema.json");
        RuleExport export = export("kusto-xdr");
        int documents = 0;
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(write(ExportFormat.SENTINEL_YAML, export))) {
            JsonNode rule = JSON.valueToTree(document);
            assertThat(yamlSchema.validate(rule)).as(rule.path("name").asString()).isEmpty();
            documents++;
        }
        JsonNode arm = JSON.readTree(write(ExportFormat.SENTINEL_ARM, export));

        assertThat(documents).isEqualTo(export.converted().size());
        assertThat(armSchema.validate(arm)).isEmpty();
        assertThat(arm.path("resources").size()).isEqualTo(export.converted().size());
        assertThat(arm.toString()).contains("\"tactics\":[\"CredentialAccess\"]", "\"subTechniques\":[\"T1003.001\"");
    }

    @Test
    void savedsearchesConfParsesAsSplunkReadsItWithEverySearchWhole() {
        for (String target : List.of("splunk-windows", "splunk-cim")) {
            RuleExport export = export(target);
            Map<String, Map<String, String>> stanzas = parseConf(write(ExportFormat.SAVEDSEARCHES, export));

            assertThat(stanzas).containsKey("default");
            assertThat(stanzas).hasSize(export.converted().size() + 1);
            List<String> searches = stanzas.values().stream().map(s -> s.get("search")).filter(java.util.Objects::nonNull).toList();
            assertThat(searches).containsExactlyInAnyOrderElementsOf(export.converted().stream().map(RuleExport.Exported::query).toList());
            assertThat(stanzas.values()).anySatisfy(s -> assertThat(s.get("action.correlationsearch.annotations")).startsWith("{\"mitre_attack\": [\"T"));
        }
    }

    /**
     * A .conf file as Splunk reads one: {@code [stanza]} headers, {@code key = value} lines, a line ending in a
     * backslash going on with the next, {@code #} comments. A key twice in a stanza, or a stanza twice, fails the test.
     */
    static Map<String, Map<String, String>> parseConf(String text) {
        Map<String, Map<String, String>> stanzas = new LinkedHashMap<>();
        Map<String, String> current = null;
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            StringBuilder logical = new StringBuilder(line);
            while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append('\n').append(lines.get(++i));
            }
            String entry = logical.toString();
            if (entry.isBlank() || entry.startsWith("#")) {
                continue;
            }
            if (entry.startsWith("[") && entry.endsWith("]")) {
                String name = entry.substring(1, entry.length() - 1);
                assertThat(stanzas).as("stanza [" + name + "] once").doesNotContainKey(name);
                current = new LinkedHashMap<>();
                stanzas.put(name, current);
                continue;
            }
            int eq = entry.indexOf('=');
            assertThat(eq).as("a key = value line: " + entry).isPositive();
            assertThat(current).as("a key inside a stanza").isNotNull();
            String key = entry.substring(0, eq).strip();
            assertThat(current).as("key " + key + " once").doesNotContainKey(key);
            current.put(key, entry.substring(eq + 1).strip().replace(" \n", "\n"));
        }
        return stanzas;
    }
}
