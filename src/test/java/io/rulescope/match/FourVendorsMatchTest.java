package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.rulescope.SharedCatalogs;
import io.rulescope.SharedData;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorAnalysis;

/** The example events against all four shared corpora: Sentinel and Elastic rules fire on what they describe, not on everyday events. */
@EnabledIf(value = "io.rulescope.FourVendorsTest#allPresent", disabledReason = "../shared is absent: this test needs all four corpora")
class FourVendorsMatchTest {

    static Catalog catalog() {
        return SharedCatalogs.of(List.of("escu=" + SharedData.escu(), "sigma=" + SharedData.sigma(), "sentinel=" + SharedData.sentinel(),
                "elastic=" + SharedData.elastic()));
    }

    @Test
    void theExampleEventsFireElasticAndSentinelRulesAndBenignOnesNone() throws IOException {
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        Path dir = Path.of("content/events/examples");
        List<String> rows = Files.readAllLines(dir.resolve("index.tsv"));
        for (String line : rows.subList(1, rows.size())) {
            String[] row = line.split("\t");
            LoggedEvent event = reader.read(Files.readString(dir.resolve(row[0])));
            MatchResult result = catalog().matcher().match(event, Duration.ofSeconds(10));
            List<String> newFormats = result.fires().stream().filter(f -> f.rule().getPlatform().equals("Elastic")
                    || f.rule().getPlatform().equals("Microsoft Sentinel")).map(f -> f.rule().getPlatform() + " " + f.evaluation() + ": "
                    + f.rule().getTitle()).toList();
            System.out.printf("%s (%s): %d rules fire, %d of them Elastic or Sentinel%n", row[0], row[2], result.fires().size(), newFormats.size());
            newFormats.forEach(f -> System.out.println("    " + f));
            if (row[2].equals("benign")) {
                assertThat(newFormats).as(row[0]).isEmpty();
            }
            assertThat(catalog().matcher().fires(event)).as("the prefilter drops no rule that fires: %s", row[0])
                    .containsExactlyInAnyOrderElementsOf(catalog().matcher().firesWithoutPrefilter(event));
        }
    }

    private static List<String> fired(String example) throws IOException {
        EventReader reader = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());
        LoggedEvent event = reader.read(Files.readString(Path.of("content/events/examples", example)));
        return catalog().matcher().match(event, Duration.ofSeconds(10)).fires().stream()
                .map(f -> f.rule().getPlatform() + " " + f.evaluation() + ": " + f.rule().getTitle()).toList();
    }

    @Test
    void realElasticAndSentinelRulesFireOnTheSuspiciousExamples() throws IOException {
        // read in each rule's query: a branch for rundll32 with a *MiniDump* argument; comsvcs.dll renamed or called by ordinal
        assertThat(fired("lsass-minidump-rundll32.json")).contains("Elastic full: Potential Credential Access via Windows Utilities",
                "Elastic first-stage: Potential Credential Access via Renamed COM+ Services DLL");
        // process.name : "certutil.exe" and process.args : ("?decode", "?encode", "?urlcache", ...): args split from the command line
        assertThat(fired("certutil-download.xml")).contains("Elastic full: Suspicious CertUtil Commands");
        // AWSCloudTrail | where EventName in~ (StopLogging, DeleteTrail, ...), then a summarize
        assertThat(fired("cloudtrail-stop-logging.json")).contains("Microsoft Sentinel first-stage: Changes made to AWS CloudTrail logs");
    }
}
