package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Everyday events must fire almost nothing in the whole shared corpus, and the suspicious examples must fire. */
@EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = SharedData.MISSING)
class BenignEventsTest {

    @Test
    void theExampleEventsFireWhatTheySayAndBenignOnesAlmostNothing() throws IOException {
        Catalog catalog = SharedCatalogs.escuAndSigma();
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        Path dir = Path.of("content/events/examples");
        for (String line : Files.readAllLines(dir.resolve("index.tsv")).subList(1, Files.readAllLines(dir.resolve("index.tsv")).size())) {
            String[] row = line.split("\t");
            MatchResult result = catalog.matcher().match(reader.read(Files.readString(dir.resolve(row[0]))), Duration.ofSeconds(10));
            List<String> fired = result.fires().stream().map(f -> f.rule().getPlatform() + " " + f.evaluation() + ": " + f.rule().getTitle()).toList();
            System.out.printf("%s (%s): %d rules fire, %d near%n", row[0], row[2], fired.size(), result.near().size());
            fired.forEach(f -> System.out.println("    " + f));
            long fullSigma = result.fires().stream().filter(f -> f.evaluation().equals("full")).count();
            if (row[2].equals("benign")) {
                assertThat(fullSigma).as("%s: Sigma rules fired in full", row[0]).isZero();
                assertThat(fired).as("%s: first-stage SPL fires (later stages would decide)", row[0]).hasSizeLessThanOrEqualTo(3);
            } else {
                assertThat(fullSigma).as("%s: Sigma rules fired in full", row[0]).isPositive();
            }
        }
    }

    @Test
    void anUnsupportedRuleWhoseDetectionIsAStubFiresOnNothingAndSaysWhy() {
        Catalog catalog = SharedCatalogs.escuAndSigma();
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        String fileCreated = """
                {"Event": {"System": {"EventID": 11, "Channel": "Microsoft-Windows-Sysmon/Operational",
                  "Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon"}}},
                  "EventData": {"Image": "C:\\\\Windows\\\\explorer.exe", "TargetFilename": "C:\\\\Users\\\\a\\\\notes.txt"}}}
                """;

        MatchResult result = catalog.matcher().match(reader.read(fileCreated), Duration.ofSeconds(10));

        assertThat(result.fires()).extracting(f -> f.rule().getRuleId()).doesNotContain("7fa4f550-850e-4117-b543-428c86ebb849");
        assertThat(catalog.matcher().trace(catalog.rules().withId("7fa4f550-850e-4117-b543-428c86ebb849").get(0), reader.read(fileCreated))
                .notEvaluated()).contains("status unsupported");
    }

    @Test
    void anEventOfAnUnknownLogSourceFiresNoRuleThatOnlyExcludes() {
        Catalog catalog = SharedCatalogs.escuAndSigma();
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        LoggedEvent nothing = reader.read("{\"a\": \"b\"}");

        assertThat(catalog.matcher().fires(nothing)).extracting(r -> r.getTitle()).as("rules that fire on {\"a\": \"b\"}")
                .noneMatch(t -> t.equals("Publicly Accessible RDP Service"));
        assertThat(catalog.matcher().match(nothing, Duration.ofSeconds(10)).fires()).filteredOn(f -> "sigma".equals(f.rule().getLanguage())).isEmpty();
    }
}
