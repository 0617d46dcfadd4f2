package io.rulescope.ingest.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.catalog.IngestReport;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.match.EventReader;
import io.rulescope.match.MatchProperties;
import io.rulescope.match.MatchResult;
import io.rulescope.rule.Rule;

/** Sources in, catalog out, with no Spring: the catalog a folder of rule files makes, ready to read, search and match. */
class CatalogBuilderTest {

    static final String WHOAMI = """
            title: Whoami Run
            id: 11111111-2222-3333-4444-555555555555
            status: test
            tags: [attack.discovery, attack.t1033]
            logsource: {category: process_creation, product: windows}
            detection:
              selection:
                Image|endswith: '\\\\whoami.exe'
              condition: selection
            """;

    @Test
    void aFolderOfRuleFilesBecomesACatalogThatListsItsRulesAndProblemsAndFiresOnAnEvent(@TempDir Path rules) throws Exception {
        Files.writeString(rules.resolve("whoami.yml"), WHOAMI);
        Files.writeString(rules.resolve("broken.yml"), "title: Broken\ndetection:\n  s: [1, 2\n");
        IndicatorAnalysis analysis = new IndicatorAnalysis(IndicatorAnalysis.shippedTaxonomy(), IndicatorAnalysis.shippedEventTables());

        Catalog catalog;
        try (CatalogBuilder builder = new CatalogBuilder(new IngestProperties(List.of("team=" + rules), 1 << 20, 1, Map.of(), ""),
                AttackCatalog.load(null), analysis)) {
            catalog = builder.build();
        }

        assertThat(catalog.isReady()).isTrue();
        assertThat(catalog.report().state()).isEqualTo(IngestReport.State.READY);
        assertThat(catalog.rules().all()).extracting(Rule::getTitle).containsExactly("Whoami Run");
        assertThat(catalog.report().problems()).filteredOn(p -> p.level() == IngestProblem.Level.ERROR)
                .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("broken.yml"));
        assertThat(catalog.summary().byTactic()).extracting(t -> t.shortName()).contains("discovery");
        MatchResult fired = catalog.matcher().match(new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables())
                .read("{\"EventID\": 1, \"Image\": \"C:\\\\Windows\\\\System32\\\\whoami.exe\"}"), Duration.ofSeconds(5));
        assertThat(fired.fires()).extracting(f -> f.rule().getTitle()).containsExactly("Whoami Run");
    }
}
