package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.EventTables;
import io.rulescope.indicator.EventVocabulary;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.indicator.Telemetry;
import io.rulescope.rule.Rule;
import io.rulescope.search.Facet;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;

/**
 * The event vocabulary against the four shared corpora: the names each vendor gives one behaviour read as one
 * canonical event, and every concrete event the corpora use is placed (a behaviour, a container) or counted as
 * unmapped, which {@code /ingest} lists.
 */
@EnabledIf(value = "io.rulescope.FourVendorsTest#allPresent", disabledReason = "../shared is absent: this test needs all four corpora")
class EventVocabularyCorpusTest {

    private static final EventTables TABLES = IndicatorAnalysis.shippedEventTables();
    private static final EventVocabulary VOCABULARY = TABLES.vocabulary();

    private static Catalog catalog() {
        return SharedCatalogs.of(List.of("escu=" + SharedData.escu(), "sigma=" + SharedData.sigma(), "sentinel=" + SharedData.sentinel(),
                "elastic=" + SharedData.elastic()));
    }

    private static SearchResult search(String q) {
        return new SearchService(AttackCatalog.load(null), IndicatorAnalysis.shippedTaxonomy()).search(catalog().index(), q, 1, 10, "relevance");
    }

    private static Map<String, Long> platforms(String q) {
        return search(q).facets().get(Facet.PLATFORM).stream().collect(Collectors.toMap(SearchResult.FacetCount::value,
                SearchResult.FacetCount::count));
    }

    @Test
    void powerShellScriptBlockLoggingIsOneEventWhetherSigmaOrSplunkOrElasticNamesIt() {
        assertThat(VOCABULARY.ofSource("PowerShell 4104")).extracting(EventVocabulary.CanonicalEvent::name)
                .containsExactly("PowerShell script block");
        Map<String, Long> byPlatform = platforms("event:\"PowerShell script block\"");
        assertThat(byPlatform).containsKeys("Sigma", "Splunk", "Elastic");
        assertThat(search("event:\"Windows 4104\" status:any").total()).as("no rule reads 4104 from an unnamed log any more").isZero();
    }

    @Test
    void processCreationFindsTheRulesOfAllFourPlatforms() {
        Map<String, Long> byPlatform = platforms("event:\"Process creation\"");
        assertThat(byPlatform).containsKeys("Sigma", "Splunk", "Elastic", "Microsoft Sentinel");
        assertThat(byPlatform.get("Elastic")).as("Elastic's process rules read event.category:process").isGreaterThan(500);
        assertThat(search("event:\"Process creation\"").facets().get(Facet.EVENT)).extracting(SearchResult.FacetCount::value)
                .as("the event facet names behaviours, not vendor ids").contains("Process creation").doesNotContain("Sysmon 1");
    }

    @Test
    void everyEventTheCorporaReadIsPlacedOrCountedAsUnmapped() {
        IndicatorAnalysis analysis = new IndicatorAnalysis(IndicatorAnalysis.shippedTaxonomy(), TABLES);
        Map<EventVocabulary.Placement, Map<String, Integer>> byPlacement = new TreeMap<>();
        int rulesWithEvents = 0;
        int rulesWithBehaviour = 0;
        for (Rule rule : catalog().rules().all()) {
            Telemetry telemetry = analysis.telemetry(rule, catalog().indicators().analysisOf(rule));
            for (String event : telemetry.events()) {
                byPlacement.computeIfAbsent(VOCABULARY.placementOf(event), k -> new TreeMap<>()).merge(event, 1, Integer::sum);
            }
            if (!telemetry.events().isEmpty()) {
                rulesWithEvents++;
                if (!telemetry.canonicalEvents().isEmpty()) {
                    rulesWithBehaviour++;
                }
            }
        }
        Map<String, Integer> unmapped = byPlacement.getOrDefault(EventVocabulary.Placement.UNMAPPED, Map.of());
        int unmappedUses = unmapped.values().stream().mapToInt(Integer::intValue).sum();
        int allUses = byPlacement.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        System.out.printf("Event vocabulary over the four corpora: %d concrete events (%d uses); mapped %d, containers %d, unmapped %d"
                + " (%d uses, %.1f%%, listed on /ingest); rules with an event: %d, of which with a behaviour name: %d (%.1f%%)%n",
                byPlacement.values().stream().mapToInt(Map::size).sum(), allUses,
                byPlacement.getOrDefault(EventVocabulary.Placement.MAPPED, Map.of()).size(),
                byPlacement.getOrDefault(EventVocabulary.Placement.CONTAINER, Map.of()).size(), unmapped.size(), unmappedUses,
                100.0 * unmappedUses / allUses, rulesWithEvents, rulesWithBehaviour, 100.0 * rulesWithBehaviour / rulesWithEvents);
        assertThat(100.0 * unmappedUses / allUses).as("the vocabulary names what most event uses record").isLessThan(10.0);
        assertThat(100.0 * rulesWithBehaviour / rulesWithEvents).isGreaterThan(90.0);
        assertThat(unmapped).as("the events the vocabulary was written for are placed").doesNotContainKeys("Sysmon 1", "Security 4688",
                "Elastic (ECS) event.category:process", "PowerShell 4104", "Sentinel table DeviceProcessEvents", "Sentinel table table");
    }
}
