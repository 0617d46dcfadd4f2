package io.rulescope.web.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.rulescope.search.RuleSummary;

/**
 * A layer in the ATT&CK Navigator's layer format 4.5 that scores each technique by the number of rules covering it.
 * Member names and order are the Navigator's.
 */
record NavigatorLayer(String name, Versions versions, String domain, String description, int sorting, Layout layout,
        boolean hideDisabled, List<Technique> techniques, Gradient gradient, List<Object> legendItems,
        boolean showTacticRowBackground, boolean selectTechniquesAcrossTactics, boolean selectSubtechniquesWithParent) {

    /** How many rule titles a technique's comment lists before "… and N more". */
    static final int TITLES_PER_COMMENT = 20;

    /** @param attack the ATT&CK major release the Navigator should load, so ids resolve as here; absent when unknown */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Versions(String layer, String navigator, String attack) {
    }

    record Layout(String layout, boolean showID, boolean showName) {
    }

    record Technique(String techniqueID, int score, String comment, boolean enabled, boolean showSubtechniques) {
    }

    record Gradient(List<String> colors, int minValue, int maxValue) {
    }

    static NavigatorLayer of(String q, List<RuleSummary> rules, String attackRelease) {
        Map<String, List<String>> titlesByTechnique = new TreeMap<>();
        for (RuleSummary r : rules) {
            r.techniques().forEach(t -> titlesByTechnique.computeIfAbsent(t, k -> new ArrayList<>()).add(r.title()));
        }
        int max = titlesByTechnique.values().stream().mapToInt(List::size).max().orElse(1);
        // Techniques the loaded ATT&CK lacks are kept: the Navigator places them with the release it loads.
        List<Technique> techniques = new ArrayList<>();
        titlesByTechnique.forEach((id, titles) -> {
            List<String> shown = titles.subList(0, Math.min(TITLES_PER_COMMENT, titles.size()));
            String more = titles.size() > shown.size() ? "\n… and " + (titles.size() - shown.size()) + " more" : "";
            techniques.add(new Technique(id, titles.size(), String.join("\n", shown) + more, true, false));
        });
        // "18" for v18.1: the Navigator loads the release a layer names.
        String major = attackRelease.replaceFirst("^v", "").replaceFirst("\\..*$", "");
        boolean all = q == null || q.isBlank();
        return new NavigatorLayer(all ? "Rulescope: all rules" : "Rulescope: " + q,
                new Versions("4.5", "5.1.0", major.matches("\\d+") ? major : null), "enterprise-attack",
                rules.size() + " rules" + (all ? "" : " matching " + q) + "; score = rules per technique", 3,
                new Layout("side", true, true), false, techniques, new Gradient(List.of("#e8f0fc", "#1f5fbf"), 0, max), List.of(),
                false, true, false);
    }
}
