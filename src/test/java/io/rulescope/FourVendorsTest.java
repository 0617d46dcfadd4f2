package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.rule.Rule;
import io.rulescope.search.Facet;
import io.rulescope.search.SearchResult;
import io.rulescope.search.SearchService;

/** The four shared corpora in one catalog: searches and corpus counts answer across Splunk, Sigma, Sentinel and Elastic. */
@EnabledIf(value = "io.rulescope.FourVendorsTest#allPresent", disabledReason = "../shared is absent: this test needs all four corpora")
class FourVendorsTest {

    static boolean allPresent() {
        return SharedData.corpusPresent() && SharedData.sentinelPresent() && SharedData.elasticPresent();
    }

    private static Catalog catalog() {
        return SharedCatalogs.of(List.of("escu=" + SharedData.escu(), "sigma=" + SharedData.sigma(), "sentinel=" + SharedData.sentinel(),
                "elastic=" + SharedData.elastic()));
    }

    private static SearchResult search(String q) {
        return new SearchService(AttackCatalog.load(null), IndicatorAnalysis.shippedTaxonomy()).search(catalog().index(), q, 1, 10, "relevance");
    }

    private static List<String> platforms(SearchResult result) {
        return result.facets().get(Facet.PLATFORM).stream().map(SearchResult.FacetCount::value).toList();
    }

    @Test
    void allFourCorporaIngestTogetherWithoutAnError() {
        assertThat(catalog().report().problems()).filteredOn(p -> p.level() == IngestProblem.Level.ERROR).isEmpty();
        Map<String, Long> byPlatform = catalog().rules().all().stream().collect(Collectors.groupingBy(Rule::getPlatform, Collectors.counting()));
        assertThat(byPlatform).containsKeys("Splunk", "Sigma", "Microsoft Sentinel", "Elastic");
    }

    @Test
    void anEncodedCommandLineSearchFindsRulesOfAllFourVendors() {
        // ESCU's rules testing -enc on the command line are all deprecated: status:any counts them.
        assertThat(platforms(search("CommandLine=*-enc* status:any"))).contains("Splunk", "Sigma", "Microsoft Sentinel", "Elastic");
    }

    @Test
    void aTechniqueSearchFacetsByAllFourPlatformsAndTheNewLanguagesFilter() {
        assertThat(platforms(search("T1059"))).contains("Splunk", "Sigma", "Microsoft Sentinel", "Elastic");
        assertThat(search("platform:Elastic language:eql").total()).isGreaterThan(800);
        assertThat(search("platform:\"Microsoft Sentinel\" T1078").total()).isPositive();
    }

    @Test
    void comparingSigmaWithElasticFindsCrossVendorTwinsThatShareTheirTests() {
        java.util.Set<String> sigma = catalog().rules().all().stream().filter(r -> r.getPlatform().equals("Sigma")).map(Rule::getUid)
                .collect(Collectors.toSet());
        java.util.Set<String> elastic = catalog().rules().all().stream().filter(r -> r.getPlatform().equals("Elastic")).map(Rule::getUid)
                .collect(Collectors.toSet());

        List<io.rulescope.indicator.IndicatorIndex.Pair> twins = catalog().indicators().closestPairs(sigma, elastic, 15);

        assertThat(twins).hasSize(15).allSatisfy(p -> {
            assertThat(catalog().rules().byUid(p.left()).getPlatform()).isEqualTo("Sigma");
            assertThat(catalog().rules().byUid(p.right()).getPlatform()).isEqualTo("Elastic");
            assertThat(p.shared()).hasSizeGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void aCorpusCountCountsTheSameTestAcrossVendors() {
        // process.name eq rundll32.exe: Sigma Image|endswith, Elastic process.name, Splunk process_name, Defender FileName
        Rule elastic = catalog().rules().all().stream().filter(r -> "Elastic".equals(r.getPlatform())
                && catalog().indicators().analysisOf(r).indicators().stream().anyMatch(i -> i.canonicalField().equals("process.name")
                        && "rundll32.exe".equalsIgnoreCase(i.value()))).findFirst().orElseThrow();
        String key = catalog().indicators().analysisOf(elastic).indicators().stream()
                .filter(i -> i.canonicalField().equals("process.name") && "rundll32.exe".equalsIgnoreCase(i.value())).findFirst().orElseThrow().key();

        List<String> sharing = catalog().indicators().rulesWith(key);
        assertThat(sharing.stream().map(uid -> catalog().rules().byUid(uid).getPlatform()).distinct().toList())
                .contains("Elastic", "Splunk");
    }

    @Test
    void elasticIndexPatternsAreLabelledAsElasticIndicesNotAsSentinelTables() {
        List<String> events = new SearchService(AttackCatalog.load(null), IndicatorAnalysis.shippedTaxonomy())
                .allFacetValues(catalog().index(), "platform:Elastic language:esql", Facet.LOGGED_EVENT).stream().map(SearchResult.FacetCount::value).toList();

        assertThat(events).noneMatch(e -> e.startsWith("Sentinel table")).anyMatch(e -> e.startsWith("Elastic index logs-"));
    }

    @Test
    void aTypedSearchLeavesDeprecatedRulesOutSaysHowManyAndOneClickBringsThemBack() {
        SearchResult typed = search("lsass");
        SearchResult all = search("lsass status:any");

        long leftOut = all.facets().get(Facet.STATUS).stream().filter(c -> c.value().equals("deprecated")).mapToLong(SearchResult.FacetCount::count).sum();
        assertThat(leftOut).as("the shared corpora hold deprecated LSASS rules").isPositive();
        assertThat(typed.total()).isEqualTo(all.total() - leftOut);
        assertThat(typed.facets().get(Facet.STATUS)).extracting(SearchResult.FacetCount::value).doesNotContain("deprecated");
        assertThat(typed.notes()).contains(leftOut + " deprecated rules left out.");
        assertThat(typed.instead()).contains(new SearchResult.Instead("lsass status:any", "include the deprecated rules"));
        assertThat(search("lsass status:deprecated").total()).as("naming a status searches it").isEqualTo(leftOut);
    }
}
