package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.Counterparts;
import io.rulescope.rule.Rule;

/**
 * "The same detection elsewhere" against a hand-written set of well-known behaviours
 * ({@code src/test/resources/elsewhere/behaviours.yml}): for each rule of a behaviour and each other platform with a
 * rule of it, the panel must list one of them among its first five for that platform. Prints the hit rate, the
 * misses, and corpus-wide figures: how many rules have a counterpart, per platform pair.
 */
@EnabledIf(value = "io.rulescope.FourVendorsTest#allPresent", disabledReason = "../shared is absent: this test needs all four corpora")
class SameDetectionElsewhereTest {

    static final int SHOWN_PER_PLATFORM = 5;

    private static Catalog catalog() {
        return SharedCatalogs.of(List.of("escu=" + SharedData.escu(), "sigma=" + SharedData.sigma(), "sentinel=" + SharedData.sentinel(),
                "elastic=" + SharedData.elastic()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> behaviours() throws Exception {
        try (InputStream in = SameDetectionElsewhereTest.class.getResourceAsStream("/elsewhere/behaviours.yml")) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, List<String>> out = new LinkedHashMap<>();
            ((Map<String, List<Object>>) root.get("behaviours")).forEach((name, ids) -> out.put(name, ids.stream().map(String::valueOf).toList()));
            return out;
        }
    }

    private static Rule rule(String id) {
        List<Rule> rules = catalog().rules().withId(id);
        assertThat(rules).as("rule " + id + " of the hand-written set is in the shared corpora").isNotEmpty();
        return rules.get(0);
    }

    @Test
    void thePanelFindsTheHandWrittenCounterpartsInItsFirstFive() throws Exception {
        Map<String, List<String>> behaviours = behaviours();
        assertThat(behaviours).hasSizeGreaterThanOrEqualTo(30);
        Counterparts counterparts = catalog().counterparts();
        int asked = 0;
        int found = 0;
        List<String> misses = new ArrayList<>();
        for (Map.Entry<String, List<String>> behaviour : behaviours.entrySet()) {
            List<Rule> rules = behaviour.getValue().stream().map(SameDetectionElsewhereTest::rule).toList();
            for (Rule rule : rules) {
                Map<String, List<Counterparts.Counterpart>> panel = counterparts.of(rule.getUid(), SHOWN_PER_PLATFORM);
                Map<String, List<Rule>> expectedByPlatform = new TreeMap<>();
                rules.stream().filter(r -> !r.getPlatform().equals(rule.getPlatform()))
                        .forEach(r -> expectedByPlatform.computeIfAbsent(r.getPlatform(), k -> new ArrayList<>()).add(r));
                for (Map.Entry<String, List<Rule>> expected : expectedByPlatform.entrySet()) {
                    asked++;
                    List<String> listed = panel.getOrDefault(expected.getKey(), List.of()).stream().map(Counterparts.Counterpart::uid).toList();
                    if (expected.getValue().stream().anyMatch(r -> listed.contains(r.getUid()))) {
                        found++;
                    } else {
                        misses.add(behaviour.getKey() + ": " + rule.getPlatform() + " \"" + rule.getTitle() + "\" lists none of "
                                + expected.getValue().stream().map(r -> "\"" + r.getTitle() + "\"").toList() + " on " + expected.getKey());
                    }
                }
            }
        }
        double rate = 100.0 * found / asked;
        System.out.printf("Same detection elsewhere: %d behaviours, %d of %d expected counterparts in the first %d per platform (%.1f%%)%n",
                behaviours.size(), found, asked, SHOWN_PER_PLATFORM, rate);
        misses.forEach(m -> System.out.println("  missed: " + m));
        assertThat(rate).isGreaterThanOrEqualTo(80.0);
    }

    @Test
    void similarRulesFollowWhatARuleDetectsNotTheExclusionsItShares() {
        Rule lsassDump = rule("f2f46686-6f3c-4724-bd7d-24e31c70f98f");
        List<Counterparts.Counterpart> similar = catalog().counterparts().similar(lsassDump.getUid(), 5);

        assertThat(similar).as("Elastic's LSASS Memory Dump Creation").isNotEmpty()
                .extracting(c -> catalog().rules().byUid(c.uid()).getTitle()).doesNotContain("Parent Process PID Spoofing");
        assertThat(similar).allSatisfy(c -> assertThat(c.terms()).noneMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains("werfault")));
        System.out.println("Similar to \"" + lsassDump.getTitle() + "\": " + similar.stream()
                .map(c -> catalog().rules().byUid(c.uid()).getTitle() + " (" + c.reason() + ")").toList());
    }

    @Test
    void corpusWideFiguresCountTheRulesWithACounterpartPerPlatformPair() {
        Counterparts counterparts = catalog().counterparts();
        Map<String, Map<String, Integer>> withCounterpart = new TreeMap<>();
        Map<String, Integer> rulesPerPlatform = new TreeMap<>();
        for (Rule rule : catalog().rules().all()) {
            rulesPerPlatform.merge(rule.getPlatform(), 1, Integer::sum);
            counterparts.of(rule.getUid(), 1).keySet().forEach(other ->
                    withCounterpart.computeIfAbsent(rule.getPlatform(), k -> new TreeMap<>()).merge(other, 1, Integer::sum));
        }
        int withTechniques = 0;
        int agreeing = 0;
        for (Rule rule : catalog().rules().all()) {
            for (List<Counterparts.Counterpart> best : counterparts.of(rule.getUid(), 1).values()) {
                Rule other = catalog().rules().byUid(best.get(0).uid());
                if (!rule.getTechniqueIds().isEmpty() && !other.getTechniqueIds().isEmpty()) {
                    withTechniques++;
                    agreeing += best.get(0).techniques().isEmpty() ? 0 : 1;
                }
            }
        }
        System.out.printf("Best counterparts naming the same or a related ATT&CK technique: %d of %d (%.1f%%)%n", agreeing, withTechniques,
                100.0 * agreeing / withTechniques);
        System.out.println("Rules with at least one counterpart, per platform pair (row: the rule's platform; column: the counterpart's):");
        rulesPerPlatform.forEach((platform, total) -> {
            StringBuilder line = new StringBuilder(String.format("  %-20s %5d rules:", platform, total));
            rulesPerPlatform.keySet().stream().filter(p -> !p.equals(platform)).forEach(other -> {
                int n = withCounterpart.getOrDefault(platform, Map.of()).getOrDefault(other, 0);
                line.append(String.format("  %s %d (%.0f%%)", other, n, 100.0 * n / total));
            });
            System.out.println(line);
        });
        assertThat(withCounterpart.get("Sigma")).containsKeys("Splunk", "Elastic", "Microsoft Sentinel");
    }
}
