package io.rulescope.web.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.AttackMatrix;
import io.rulescope.catalog.CacheKind;
import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.EventTables;
import io.rulescope.indicator.EventVocabulary;
import io.rulescope.indicator.EventVocabulary.CanonicalEvent;
import io.rulescope.indicator.Telemetry;
import io.rulescope.search.Facet;
import io.rulescope.search.SearchBusyException;
import io.rulescope.search.SearchService;
import io.rulescope.search.SearchSyntaxException;
import io.rulescope.web.PageProblems;

/**
 * {@code /coverage?have=...}: what can run on the telemetry a team collects, by canonical event. The events ticked
 * live in the URL, so a choice is a permalink; ticking {@code Sysmon 1} means having process creation, so rules of
 * every platform that read process starts can run and "what to collect next" never proposes it again under an
 * Elastic or Kusto name. Each event shows its concrete ids and its rules per platform.
 */
@Controller
class CoverageController {

    static final int MAX_CHOSEN = 200;
    static final int NEEDED_SHOWN = 15;
    /** The concrete ids a canonical row names beside its title; the rest are in its tooltip. */
    static final int SOURCES_SHOWN = 6;

    private static final String KNOWN = "event:" + Telemetry.ANY_EVENT;

    private final SearchService search;
    private final AttackCatalog attack;
    private final EventVocabulary vocabulary;
    private final CacheKind<String, Counted> counted = CacheKind.sized("coverage counts", 1);

    CoverageController(SearchService search, AttackCatalog attack, EventTables tables) {
        this.search = search;
        this.attack = attack;
        this.vocabulary = tables.vocabulary();
    }

    /** One tactic of the two matrices side by side: techniques the catalog covers, and those runnable rules cover. */
    record TacticCoverage(String tactic, String key, long all, long runnable) {

        public long gaps() {
            return all - runnable;
        }
    }

    record PlatformCount(String platform, long rules) {
    }

    record SourceCount(String name, long rules) {
    }

    /** One canonical event of the chooser: its rules on every platform, and the concrete events that stand for it. */
    record EventRow(String id, String name, String ocsf, long rules, List<PlatformCount> platforms, List<SourceCount> sources,
            boolean chosen, List<String> via) {

        public List<SourceCount> shownSources() {
            return sources.subList(0, Math.min(SOURCES_SHOWN, sources.size()));
        }

        public String allSources() {
            return sources.stream().map(SourceCount::name).collect(Collectors.joining(", "));
        }

        /** What the filter box matches: the name, the id and every concrete id. */
        public String searchText() {
            return (name + " " + id + " " + allSources()).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Concrete events no canonical event stands for, grouped by who logs them. */
    record Group(String provider, List<Other> events) {
    }

    record Other(String name, long rules, boolean chosen) {
    }

    /** What the rules that cannot run would need: a canonical event (with its ids) or an unplaced concrete one. */
    record Needed(String event, String ids, long rules, List<PlatformCount> platforms) {
    }

    record PresetLink(String name, String description, String href) {
    }

    /**
     * @param q a search the page is about instead of the whole catalog ({@code collection:"Deployed: prod"}: what of
     *     the rules a team runs can run on its telemetry)
     */
    @GetMapping("/coverage")
    String page(@RequestParam(required = false) List<String> have, @RequestParam(required = false) String q, Catalog catalog,
            Model model, HttpServletResponse response) {
        Set<String> ticked = new LinkedHashSet<>();
        if (have != null) {
            have.stream().filter(h -> h != null && !h.isBlank() && h.length() < 200).limit(MAX_CHOSEN).forEach(h -> ticked.add(h.strip()));
        }
        EventChoice choice = EventChoice.of(ticked, vocabulary);
        String scope = q == null || q.isBlank() ? "" : "(" + q.strip() + ") ";
        Counted counted;
        try {
            // A scoped page counts afresh: the search layer caches each of its searches (a collection's by its version).
            counted = scope.isEmpty() ? catalog.cache(this.counted).get("", k -> counted(catalog, "")) : counted(catalog, scope);
        } catch (SearchSyntaxException | SearchBusyException e) {
            PageProblems.showInPlace(e, model, response);
            scope = "";
            counted = catalog.cache(this.counted).get("", k -> counted(catalog, ""));
        }
        model.addAttribute("scope", scope.isEmpty() ? null : q.strip());
        List<String> platforms = counted.platforms();
        Map<String, Long> byEvent = counted.byEvent();
        Map<String, Map<String, Long>> byPlatform = counted.byPlatform();
        Map<String, Long> concrete = counted.concrete();

        List<EventRow> rows = new ArrayList<>();
        for (CanonicalEvent event : vocabulary.events()) {
            long rules = byEvent.getOrDefault(event.name(), 0L);
            if (rules == 0) {
                continue;
            }
            List<SourceCount> sources = concrete.entrySet().stream().filter(e -> vocabulary.ofSource(e.getKey()).contains(event))
                    .map(e -> new SourceCount(e.getKey(), e.getValue())).sorted(Comparator.comparingLong(SourceCount::rules).reversed()).toList();
            rows.add(new EventRow(event.id(), event.name(), event.ocsf(), rules, split(event.name(), platforms, byPlatform), sources,
                    choice.has(event), choice.via().getOrDefault(event.id(), List.of())));
        }
        rows.sort(Comparator.comparingLong(EventRow::rules).reversed());
        Map<String, List<Other>> others = new TreeMap<>();
        concrete.forEach((event, n) -> {
            if (vocabulary.ofSource(event).isEmpty()) {
                others.computeIfAbsent(provider(event), k -> new ArrayList<>()).add(new Other(event, n, choice.hasConcrete(event)));
            }
        });
        model.addAttribute("rows", rows);
        model.addAttribute("platforms", platforms);
        model.addAttribute("groups", others.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList());
        String scoped = scope.isEmpty() ? null : q.strip();
        model.addAttribute("presets", vocabulary.presets().stream().map(p -> new PresetLink(p.name(), p.description(), href(p.have(), scoped)))
                .toList());
        model.addAttribute("chosen", ticked);
        model.addAttribute("choice", choice);
        long total = counted.total();
        long knownRules = counted.known();
        model.addAttribute("total", total);
        model.addAttribute("unknown", total - knownRules);
        if (!choice.isEmpty()) {
            String runnable = scope + choice.runnableQuery();
            String cannot = scope + KNOWN + " -(" + choice.runnableQuery() + ")";
            long canRun = count(catalog, runnable);
            model.addAttribute("runnableQuery", runnable);
            model.addAttribute("cannotQuery", cannot);
            model.addAttribute("runnable", canRun);
            model.addAttribute("cannot", knownRules - canRun);
            Map<String, String> loggedAs = new java.util.HashMap<>();
            rows.forEach(r -> loggedAs.put(r.name(), r.shownSources().stream().limit(4).map(SourceCount::name).collect(Collectors.joining(", "))));
            model.addAttribute("needed", needed(catalog, cannot, platforms, choice, loggedAs));
            model.addAttribute("techniquesRunnable", techniques(catalog, runnable));
            model.addAttribute("byTactic", byTactic(catalog, scope.isEmpty() ? null : scope, runnable));
        }
        model.addAttribute("techniquesAll", counted.techniquesAll());
        return "coverage";
    }

    /**
     * What the chooser shows whatever is ticked, counted once per catalog: a dozen facet passes over every rule, which
     * every distinct address would otherwise repeat.
     */
    record Counted(List<String> platforms, Map<String, Long> byEvent, Map<String, Map<String, Long>> byPlatform,
            Map<String, Long> concrete, long total, long known, long techniquesAll) {
    }

    private Counted counted(Catalog catalog, String scope) {
        String known = scope + KNOWN;
        List<String> platforms = List.copyOf(facet(catalog, known, Facet.PLATFORM).keySet());
        // Deprecated rules are not deployed: like every typed search, coverage leaves them out.
        return new Counted(platforms, facet(catalog, known, Facet.EVENT), perPlatform(catalog, known, platforms),
                facet(catalog, known, Facet.LOGGED_EVENT), count(catalog, scope + "-status:deprecated"), count(catalog, known),
                techniques(catalog, scope.isEmpty() ? null : scope));
    }

    /**
     * The events that would let the most rules that cannot run run: never one the user has under another name. Each
     * is shown with the ids the catalog's rules most often read it by.
     */
    private List<Needed> needed(Catalog catalog, String cannot, List<String> platforms, EventChoice choice, Map<String, String> loggedAs) {
        Map<String, Map<String, Long>> byPlatform = perPlatform(catalog, cannot, platforms);
        List<Needed> needed = new ArrayList<>();
        facet(catalog, cannot, Facet.EVENT).forEach((name, n) -> vocabulary.named(name).filter(e -> !choice.has(e)).ifPresent(event ->
                needed.add(new Needed(event.name(), loggedAs.getOrDefault(event.name(), ""), n, split(event.name(), platforms, byPlatform)))));
        facet(catalog, cannot, Facet.LOGGED_EVENT).forEach((event, n) -> {
            if (vocabulary.ofSource(event).isEmpty() && !choice.hasConcrete(event)) {
                needed.add(new Needed(event, "", n, List.of()));
            }
        });
        needed.sort(Comparator.comparingLong(Needed::rules).reversed().thenComparing(Needed::event));
        return needed.subList(0, Math.min(NEEDED_SHOWN, needed.size()));
    }

    private List<TacticCoverage> byTactic(Catalog catalog, String scope, String runnable) {
        AttackMatrix full = AttackMatrix.of(attack, search.matrixCounts(catalog.index(), scope));
        AttackMatrix runs = AttackMatrix.of(attack, search.matrixCounts(catalog.index(), runnable));
        List<TacticCoverage> byTactic = new ArrayList<>();
        for (AttackMatrix.Column column : full.columns()) {
            long runnableCovered = runs.columns().stream().filter(c -> c.tactic().shortName().equals(column.tactic().shortName()))
                    .mapToLong(AttackMatrix.Column::covered).findFirst().orElse(0);
            byTactic.add(new TacticCoverage(column.tactic().name(), column.tactic().key(), column.covered(), runnableCovered));
        }
        return byTactic;
    }

    private Map<String, Map<String, Long>> perPlatform(Catalog catalog, String q, List<String> platforms) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String platform : platforms) {
            out.put(platform, facet(catalog, q + " platform:\"" + platform.replace("\"", "") + "\"", Facet.EVENT));
        }
        return out;
    }

    private static List<PlatformCount> split(String event, List<String> platforms, Map<String, Map<String, Long>> byPlatform) {
        return platforms.stream().map(p -> new PlatformCount(p, byPlatform.get(p).getOrDefault(event, 0L))).filter(c -> c.rules() > 0).toList();
    }

    private static String href(List<String> have, String q) {
        return "/coverage?" + (q == null ? "" : "q=" + UriUtils.encodeQueryParam(q, StandardCharsets.UTF_8) + "&")
                + have.stream().map(h -> "have=" + UriUtils.encodeQueryParam(h, StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private long count(Catalog catalog, String q) {
        return search.search(catalog.index(), q, 1, 1, "relevance").total();
    }

    /** Rules per value of one facet among the rules of a search, most first. */
    private Map<String, Long> facet(Catalog catalog, String q, Facet facet) {
        Map<String, Long> out = new LinkedHashMap<>();
        search.allFacetValues(catalog.index(), q, facet).forEach(c -> out.put(c.value(), c.count()));
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
