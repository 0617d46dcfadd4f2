package io.rulescope.web.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.AttackMatrix;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.Telemetry;
import io.rulescope.search.Facet;
import io.rulescope.search.SearchService;

/**
 * {@code /coverage?have=...}: what can run on the telemetry a team collects. The events ticked live in the URL, so a
 * choice is a permalink; the page says how many rules can run, how many cannot and which events would let the most
 * of them run, with links to the matrix and a Navigator layer of the runnable rules.
 */
@Controller
class CoverageController {

    static final int MAX_CHOSEN = 200;
    static final int NEEDED_SHOWN = 15;

    private final SearchService search;
    private final AttackCatalog attack;

    CoverageController(SearchService search, AttackCatalog attack) {
        this.search = search;
        this.attack = attack;
    }

    /** One tactic of the two matrices side by side: techniques the catalog covers, and those runnable rules cover. */
    record TacticCoverage(String tactic, String key, long all, long runnable) {

        public long gaps() {
            return all - runnable;
        }
    }

    /** Events grouped by who logs them (Sysmon, Security, AWS CloudTrail, ...), each with the rules reading it. */
    record Group(String provider, List<Event> events) {
    }

    record Event(String name, long rules, boolean chosen) {
    }

    record Needed(String event, long rules) {
    }

    @GetMapping("/coverage")
    String page(@RequestParam(required = false) List<String> have, Catalog catalog, Model model) {
        Set<String> chosen = new LinkedHashSet<>();
        if (have != null) {
            have.stream().filter(h -> h != null && !h.isBlank() && h.length() < 200).limit(MAX_CHOSEN).forEach(h -> chosen.add(h.strip()));
        }
        Map<String, Long> all = eventCounts(catalog, "event:" + Telemetry.ANY_EVENT);
        Map<String, List<Event>> groups = new TreeMap<>();
        Set<String> chosenKeys = chosen.stream().map(Telemetry::eventKey).collect(Collectors.toSet());
        all.forEach((event, n) -> groups.computeIfAbsent(provider(event), k -> new ArrayList<>())
                .add(new Event(event, n, chosenKeys.contains(Telemetry.eventKey(event)))));
        groups.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(Event::rules).reversed().thenComparing(Event::name)));
        model.addAttribute("groups", groups.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList());
        model.addAttribute("chosen", chosen);
        // Deprecated rules are not deployed: like every typed search, coverage leaves them out.
        long total = count(catalog, "-status:deprecated");
        long known = count(catalog, "event:" + Telemetry.ANY_EVENT);
        model.addAttribute("total", total);
        model.addAttribute("unknown", total - known);
        if (!chosen.isEmpty()) {
            String runnable = chosen.stream().map(c -> "event:\"" + c.replace("\"", "") + "\"").collect(Collectors.joining(" OR "));
            String cannot = "event:" + Telemetry.ANY_EVENT + " -(" + runnable + ")";
            long canRun = count(catalog, runnable);
            model.addAttribute("runnableQuery", runnable);
            model.addAttribute("cannotQuery", cannot);
            model.addAttribute("runnable", canRun);
            model.addAttribute("cannot", known - canRun);
            List<Needed> needed = new ArrayList<>();
            eventCounts(catalog, cannot).forEach((event, n) -> needed.add(new Needed(event, n)));
            needed.sort(java.util.Comparator.comparingLong(Needed::rules).reversed().thenComparing(Needed::event));
            model.addAttribute("needed", needed.subList(0, Math.min(NEEDED_SHOWN, needed.size())));
            model.addAttribute("techniquesRunnable", techniques(catalog, runnable));
            AttackMatrix full = AttackMatrix.of(attack, search.matrixCounts(catalog.index(), null));
            AttackMatrix runs = AttackMatrix.of(attack, search.matrixCounts(catalog.index(), runnable));
            List<TacticCoverage> byTactic = new ArrayList<>();
            for (int i = 0; i < full.columns().size(); i++) {
                AttackMatrix.Column column = full.columns().get(i);
                long runnableCovered = runs.columns().stream().filter(c -> c.tactic().shortName().equals(column.tactic().shortName()))
                        .mapToLong(AttackMatrix.Column::covered).findFirst().orElse(0);
                byTactic.add(new TacticCoverage(column.tactic().name(), column.tactic().key(), column.covered(), runnableCovered));
            }
            model.addAttribute("byTactic", byTactic);
        }
        model.addAttribute("techniquesAll", techniques(catalog, null));
        return "coverage";
    }

    private long count(Catalog catalog, String q) {
        return search.search(catalog.index(), q, 1, 1, "relevance").total();
    }

    /** Rules per event among the rules of a search. */
    private Map<String, Long> eventCounts(Catalog catalog, String q) {
        Map<String, Long> out = new LinkedHashMap<>();
        search.allFacetValues(catalog.index(), q, Facet.EVENT).forEach(c -> out.put(c.value(), c.count()));
        return out;
    }

    private long techniques(Catalog catalog, String q) {
        return AttackMatrix.of(attack, search.matrixCounts(catalog.index(), q)).covered();
    }

    /** {@code Sysmon 1} is Sysmon's, {@code AWS CloudTrail StopLogging} AWS CloudTrail's. */
    static String provider(String event) {
        int space = event.lastIndexOf(' ');
        return space > 0 ? event.substring(0, space) : event;
    }
}
