package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.IngestService;
import io.rulescope.search.RuleFilter;
import io.rulescope.search.RulePage;
import io.rulescope.search.RuleSummary;

/** The real, community-written corpus: every detection becomes a rule, nothing fails, permalinks render. */
@EnabledIf(value = "io.rulescope.SharedData#corpusPresent", disabledReason = SharedData.MISSING)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SharedCorpusIngestTest {

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("rulescope.sources", () -> SharedData.escu() + "," + SharedData.sigma());
    }

    @LocalServerPort
    int port;

    @Autowired
    IngestService ingest;

    @Autowired
    CatalogHolder catalogs;

    private IngestReport loaded() throws InterruptedException {
        assertThat(ingest.awaitDone(Duration.ofMinutes(3))).isTrue();
        return ingest.report();
    }

    @Test
    void everyEscuDetectionAndEverySigmaRuleBecomesARuleWithZeroFailures() throws Exception {
        IngestReport report = loaded();

        assertThat(report.problems()).filteredOn(p -> p.level() == io.rulescope.catalog.IngestProblem.Level.ERROR).isEmpty();
        assertThat(report.problems()).as("every ESCU search and Sigma detection analyses without an exception")
                .noneMatch(p -> p.reason().startsWith("query not analysed"));
        assertThat(report.phaseMillis()).containsKeys("query analysis", "corpus counts");
        assertThat(report.sources()).extracting(IngestReport.SourceSummary::name).containsExactly("escu", "sigma");
        assertThat(report.sources().get(0).rules()).as("ESCU detections").isEqualTo(1711).isEqualTo(yamlFiles(SharedData.escu().resolve("detections")).size());
        assertThat(report.sources().get(1).rules()).as("Sigma rules").isEqualTo(sigmaRuleDocuments());
        assertThat(report.totals().skipped()).as("every Sigma file is a rule; ESCU support files are not counted as skipped").isZero();
        assertThat(report.supporting().macros()).isGreaterThan(100);
    }

    /** Independent count: one rule per YAML document, except the global part of a collection. */
    private static int sigmaRuleDocuments() throws IOException {
        int documents = 0;
        for (Path file : yamlFiles(SharedData.sigma())) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            long separators = text.lines().filter(l -> l.strip().equals("---")).count();
            boolean collection = text.lines().anyMatch(l -> l.startsWith("action: global"));
            documents += (int) (separators + 1 - (collection ? 1 : 0));
        }
        return documents;
    }

    private static List<Path> yamlFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList();
        }
    }

    @Test
    void aSampleOfPermalinksRendersWithStatus200() throws Exception {
        loaded();
        HttpClient http = HttpClient.newHttpClient();
        RulePage all = RulePage.of(search.list(catalogs.peek().index(), RuleFilter.NONE, 1, 100, "title"));
        assertThat(all.total()).isGreaterThan(5000);
        int checked = 0;
        for (int page = 1; page <= all.pages(); page += 10) {
            for (RuleSummary rule : RulePage.of(search.list(catalogs.peek().index(), RuleFilter.NONE, page, 100, "title")).rules().subList(0, 3)) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + rule.permalink())).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(rule.permalink()).isIn(200);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(15);
    }

    @Autowired
    io.rulescope.search.SearchService search;

    private List<String> titles(String q) throws InterruptedException {
        loaded();
        return search.search(catalogs.peek().index(), q, 1, 100, "title").hits().stream().map(h -> h.rule().title()).toList();
    }

    @Test
    void aParentTechniqueFindsRulesTaggedOnlyWithItsSubTechniques() throws Exception {
        loaded();
        io.rulescope.search.SearchResult parent = search.search(catalogs.peek().index(), "T1059", 1, 10, "relevance");
        io.rulescope.search.SearchResult sub = search.search(catalogs.peek().index(), "T1059.001", 1, 10, "relevance");
        io.rulescope.search.SearchResult onlySub = search.search(catalogs.peek().index(), "T1059.001 -technique:T1059.003 -technique:T1059.005", 1, 10, "relevance");

        assertThat(parent.total()).isGreaterThan(sub.total());
        assertThat(titles("T1059")).containsAll(titles("t1059.001").stream().limit(20).toList());
        assertThat(onlySub.total()).isPositive();
    }

    @Test
    void eventNameJobCreatedFindsTheCloudTrailBatchRule() throws Exception {
        assertThat(titles("eventName=JobCreated")).contains("AWS Exfiltration via Batch Service");
    }

    @Test
    void aSigmaImageEndswithAndAnSplProcessNameRuleMeetInOneFieldSearch() throws Exception {
        loaded();
        io.rulescope.search.SearchResult result = search.search(catalogs.peek().index(), "Image=*\\powershell.exe", 1, 10, "relevance");

        assertThat(result.facets().get(io.rulescope.search.Facet.PLATFORM))
                .extracting(io.rulescope.search.SearchResult.FacetCount::value).contains("Sigma", "Splunk");
    }

    @Test
    void aRuleListingThousandsOfHashesShowsTheFirstFiftyUntilAskedForAll() throws Exception {
        loaded();
        // The rule of the corpus with the most values in one indicator group (a hash list), found rather than named.
        io.rulescope.rule.Rule biggest = catalogs.peek().rules().all().stream()
                .max(java.util.Comparator.comparingInt(r -> catalogs.peek().indicators().anatomy(r).indicators().stream()
                        .mapToInt(g -> g.values().size()).max().orElse(0))).orElseThrow();
        int values = catalogs.peek().indicators().anatomy(biggest).indicators().stream().mapToInt(g -> g.values().size()).max().orElse(0);
        assertThat(values).isGreaterThan(1_000);
        String page = "http://localhost:" + port + biggest.getPermalink();
        String shown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String all = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page + "?values=all")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        int max = io.rulescope.indicator.RuleAnatomy.MAX_SHOWN_VALUES;
        if (values > max) {
            // Even "all" stops at a page a browser can hold, and says where every value is.
            assertThat(shown).contains("Show " + max + " of the " + values + " values");
            assertThat(all).contains("The first " + max + " of " + values + " values; every one is in the JSON API");
        } else {
            assertThat(shown).contains("Show all " + values + " values (" + (values - 50) + " more)");
        }
        assertThat(all).doesNotContain("Show all " + values + " values");
        assertThat(all.split("class=\"corpus\"", -1).length - shown.split("class=\"corpus\"", -1).length)
                .isGreaterThanOrEqualTo(Math.min(values, max) - 50);
    }

    @Test
    void aFacetCutAtFiftyValuesLinksToAPageOfEveryValueWithCountsThatMatchTheSearch() throws Exception {
        loaded();
        HttpClient http = HttpClient.newHttpClient();
        String results = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/search?q=platform:Sigma")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(results).contains("href=\"/search/facet?q=platform:Sigma&amp;facet=technique\" class=\"all-values-link\">Every value</a>");

        String all = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/search/facet?q=platform:Sigma&facet=technique"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher value = java.util.regex.Pattern.compile(
                "<a href=\"/search\\?q=platform:Sigma%20technique:(T[0-9.]+)&amp;sort=relevance\">T[0-9.]+[^<]*</a>\\s*<span class=\"count\">([0-9]+)</span>").matcher(all);
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        while (value.find()) {
            counts.put(value.group(1), Long.parseLong(value.group(2)));
        }
        assertThat(counts).hasSizeGreaterThan(50);
        // A value far down the list counts what its own search finds.
        var last = new java.util.ArrayList<>(counts.entrySet()).get(counts.size() - 1);
        assertThat(search.search(catalogs.peek().index(), "platform:Sigma technique:" + last.getKey(), 1, 1, "relevance").total())
                .isGreaterThanOrEqualTo(last.getValue());
    }

    @Test
    void aWildcardMatchingTooManyValuesAnswersWhatItFoundAndSaysItIsPartial() throws Exception {
        loaded();
        io.rulescope.search.SearchResult everything = search.search(catalogs.peek().index(), "*e*", 1, 10, "relevance");
        io.rulescope.search.SearchResult narrow = search.search(catalogs.peek().index(), "*mimikatz*", 1, 10, "relevance");

        assertThat(everything.partial()).isTrue();
        assertThat(everything.total()).isGreaterThan(1_000);
        assertThat(everything.notes()).anyMatch(n -> n.contains("stopped early"));
        assertThat(narrow.partial()).isFalse();
        assertThat(narrow.total()).isGreaterThan(5);
    }

    @Test
    void aFieldNamedWithASlashHasAPageItsRulesLinkTo() throws Exception {
        loaded();
        String field = "data.labels.authorization.k8s.io/decision";
        // The rules testing this field are all deprecated, which a search names to include.
        io.rulescope.search.SearchResult rules = search.search(catalogs.peek().index(), field + "=\"forb*\" status:any", 1, 1, "relevance");
        assertThat(rules.total()).isPositive();
        HttpClient http = HttpClient.newHttpClient();
        String rulePage = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + rules.hits().get(0).rule().permalink()))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> fieldPage = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fields?name="
                + java.net.URLEncoder.encode(field, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());

        // An encoded slash in a path is refused by the servlet container (400), so the link is a query parameter.
        assertThat(rulePage).contains("href=\"/fields?name=data.labels.authorization.k8s.io/decision\"");
        assertThat(fieldPage.statusCode()).isEqualTo(200);
        assertThat(fieldPage.body()).contains(field, "forbid");
    }

    @Test
    void theSeedRulesTechniqueResolvesAcrossFormats() throws Exception {
        loaded();
        RulePage collection = RulePage.of(search.list(catalogs.peek().index(), RuleFilter.ofTactic("collection"), 1, 10, "title"));
        assertThat(collection.total()).isGreaterThan(10);
        assertThat(search.list(catalogs.peek().index(), new RuleFilter("Sigma", "sigma", null, null), 1, 1, "title").total()).isEqualTo(ingest.report().sources().get(1).rules());
    }

    @Autowired
    io.rulescope.attack.AttackCatalog attack;

    /** What a rule file declares of ATT&CK, read from its text apart from ingest: tags (Sigma), mitre_attack_id (ESCU). */
    record Declared(java.util.Set<String> techniques, java.util.Set<String> tactics) {
    }

    @SuppressWarnings("unchecked")
    private static Declared declared(String raw) {
        java.util.Set<String> techniques = new java.util.TreeSet<>();
        java.util.Set<String> tactics = new java.util.TreeSet<>();
        for (Object doc : new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).loadAll(raw)) {
            if (!(doc instanceof java.util.Map<?, ?> m)) {
                continue;
            }
            Object tags = m.get("tags");
            java.util.List<Object> ids = new java.util.ArrayList<>();
            if (m.get("mitre_attack_id") instanceof java.util.List<?> l) {
                ids.addAll(l);
            }
            if (tags instanceof java.util.Map<?, ?> t && t.get("mitre_attack_id") instanceof java.util.List<?> l) {
                ids.addAll(l);
            }
            ids.forEach(id -> techniques.add(String.valueOf(id).strip().toUpperCase(java.util.Locale.ROOT)));
            if (tags instanceof java.util.List<?> list) {
                for (Object tag : list) {
                    String t = String.valueOf(tag).toLowerCase(java.util.Locale.ROOT);
                    if (!t.startsWith("attack.")) {
                        continue;
                    }
                    String v = t.substring(7);
                    if (v.matches("t\\d{4}(\\.\\d{3})?")) {
                        techniques.add(v.toUpperCase(java.util.Locale.ROOT));
                    } else if (!v.matches("[a-z]{1,2}\\d{4}")) {
                        // g0016 (groups), s0002 (software), ds0005 (data sources) are ATT&CK ids but not tactics.
                        tactics.add(v.replace('_', '-'));
                    }
                }
            }
        }
        return new Declared(techniques, tactics);
    }

    /**
     * Every rule of the corpus shows on its page and in /api/rules/{id} exactly the techniques its file names and,
     * where it names tactics, exactly those tactics: nothing lost, swapped or added.
     */
    @Test
    void everyRuleShowsExactlyTheAttackItsSourceDeclares() throws Exception {
        loaded();
        List<String> mismatches = new java.util.ArrayList<>();
        int checked = 0;
        for (io.rulescope.rule.Rule rule : catalogs.peek().rules().all()) {
            if (rule.getRaw() == null || rule.getFormat() == io.rulescope.rule.RuleFormat.LOGIC) {
                continue;
            }
            Declared declared = declared(rule.getRaw());
            List<io.rulescope.attack.AttackCatalog.CoverageRow> rows = attack.coverage(rule.getTechniqueIds(), rule.getTacticHints());
            java.util.Set<String> techniques = new java.util.TreeSet<>();
            java.util.Set<String> tactics = new java.util.TreeSet<>();
            rows.forEach(r -> {
                r.techniques().forEach(t -> techniques.add(t.id()));
                if (r.tactic() != null) {
                    tactics.add(r.tactic().shortName());
                }
            });
            checked++;
            boolean techniquesAgree = techniques.equals(declared.techniques());
            boolean tacticsAgree = declared.tactics().isEmpty() || tactics.equals(declared.tactics());
            if (!techniquesAgree || !tacticsAgree) {
                mismatches.add(rule.getSourceName() + ":" + rule.getSourcePath() + " declares " + declared + ", shows " + techniques + " " + tactics);
            }
        }
        System.out.printf("ATT&CK as declared: %d rules checked, %d shown otherwise%n", checked, mismatches.size());
        mismatches.stream().limit(20).forEach(m -> System.out.println("  " + m));
        assertThat(mismatches).isEmpty();
        // The API renders the same coverage rows: spot-check it over HTTP for rules with tactics the loaded ATT&CK lacks.
        io.rulescope.rule.Rule stealthy = catalogs.peek().rules().all().stream()
                .filter(r -> r.getTacticHints().contains("stealth") && !r.getTechniqueIds().isEmpty()).findFirst().orElseThrow();
        String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rules/"
                + stealthy.getRuleId())).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(api).contains("\"tactic\":\"Stealth\"");
    }

    @Test
    void ingestWarnsOnceWithCountsWhenRulesFollowANewerAttack() throws Exception {
        IngestReport report = loaded();

        List<String> warnings = report.problems().stream().filter(p -> p.path().equals("(ATT&CK)")).map(io.rulescope.catalog.IngestProblem::reason).toList();
        warnings.forEach(w -> System.out.println("ATT&CK warning: " + w));
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("declare tactics the loaded ATT&CK v18.1 does not have (stealth: ", "defense-impairment: ",
                "rulescope.attack.bundle");
        assertThat(warnings.get(1)).contains("name techniques the loaded ATT&CK v18.1 does not have (T1685: ");
    }

    private io.rulescope.search.SearchResult find(String q, int size) throws InterruptedException {
        loaded();
        return search.search(catalogs.peek().index(), q, 1, size, "relevance");
    }

    @Test
    void searchesMeanWhatUsersType() throws Exception {
        loaded();
        long all = catalogs.peek().rules().size();
        io.rulescope.search.SearchResult enc = find("-enc", 10);
        long t1003 = find("technique:T1003", 1).total();
        long t1059 = find("technique:T1059", 1).total();
        long dumping = find("OS Credential Dumping", 1).total();
        long interpreter = find("Command and Scripting Interpreter", 1).total();
        java.util.Set<String> comsvcs = uids(find("comsvcs", 100));
        java.util.Set<String> comsvcsDll = uids(find("comsvcs.dll", 100));
        System.out.printf("Searches: -enc %d of %d rules; \"OS Credential Dumping\" %d (T1003: %d); \"Command and Scripting Interpreter\" %d "
                + "(T1059: %d); comsvcs %d, comsvcs.dll %d%n", enc.total(), all, dumping, t1003, interpreter, t1059, comsvcs.size(), comsvcsDll.size());

        assertThat(enc.total()).as("the text -enc, not every rule without it").isLessThan(all / 10).isPositive();
        assertThat(enc.notes()).first().asString().startsWith("Searched for the text \u201c-enc\u201d");
        assertThat(dumping).isGreaterThanOrEqualTo(t1003);
        assertThat(interpreter).isGreaterThanOrEqualTo(t1059);
        assertThat(find("attack.t1003.001", 1).total()).isEqualTo(find("T1003.001", 1).total()).isPositive();
        assertThat(comsvcs).containsAll(comsvcsDll);
        assertThat(comsvcsDll).isNotEmpty();
        String id = "5b9a6c3b-4e0f-4b4e-9d1b-000000000000";
        io.rulescope.rule.Rule any = catalogs.peek().rules().all().stream().filter(r -> !r.isDerivedId()).findFirst().orElseThrow();
        assertThat(find(any.getRuleId(), 5).hits().get(0).rule().ruleId()).isEqualTo(any.getRuleId());
        assertThat(find(id, 5).total()).isZero();
    }

    private static java.util.Set<String> uids(io.rulescope.search.SearchResult result) {
        java.util.Set<String> out = new java.util.HashSet<>();
        result.hits().forEach(h -> out.add(h.rule().uid()));
        return out;
    }

    private static final java.util.regex.Pattern MACRO = java.util.regex.Pattern.compile("`([^`(]+)(?:\\(([^`]*)\\))?`");
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile(
            "(?<![\\w.\"'/-])([A-Za-z_][\\w./-]*)\\s*(!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s()\\[\\],|]+)");

    /** Options of tstats and search, written field=value but not predicates on events. */
    private static final java.util.Set<String> COMMAND_OPTIONS = java.util.Set.of("datamodel", "nodename", "summariesonly",
            "allow_old_summaries", "fillnull_value", "prestats", "local", "append", "chunk_size", "earliest", "latest",
            "index_earliest", "index_latest", "span", "max_time", "timeformat");

    /** Which offsets lie inside a quoted string (a backslash escapes a quote inside and outside strings). */
    private static boolean[] quoted(String text) {
        boolean[] inside = new boolean[text.length() + 1];
        boolean quote = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            inside[i] = quote;
            if (c == '\\' && i + 1 < text.length()) {
                inside[++i] = quote;
            } else if (c == '"') {
                quote = !quote;
            }
        }
        return inside;
    }

    /** Up to the first top-level pipe: a macro may expand to several commands, and only the first stage counts here. */
    private static String firstStage(String text) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == '|' && !text.substring(0, i).isBlank()) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** The stage's text with every macro replaced by its definition, as Splunk would (arguments substituted). */
    private static String expand(String text, java.util.Map<String, io.rulescope.query.Macro> macros, int depth) {
        if (depth > 5) {
            return text;
        }
        java.util.regex.Matcher m = MACRO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<String> args = m.group(2) == null ? List.of() : java.util.Arrays.stream(m.group(2).split(",")).map(String::strip).toList();
            io.rulescope.query.Macro macro = macros.get(m.group(1).strip() + (args.isEmpty() ? "" : "(" + args.size() + ")"));
            String replacement = m.group(0);
            if (macro != null) {
                replacement = macro.definition();
                for (int i = 0; i < macro.arguments().size() && i < args.size(); i++) {
                    replacement = replacement.replace("$" + macro.arguments().get(i) + "$", args.get(i));
                }
                replacement = " " + expand(replacement.replaceFirst("(?i)^\\s*search\\s", ""), macros, depth + 1) + " ";
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Every field=value literal written in the first stage of every ESCU search (after macro expansion) is one of the
     * rule's indicators: nothing the search tests is lost from its anatomy.
     */
    @Test
    void everyFieldValueLiteralInTheFirstStageOfEveryEscuSearchIsAnIndicator() throws Exception {
        loaded();
        java.util.Map<String, io.rulescope.query.Macro> macros = catalogs.peek().macros();
        List<String> misses = new java.util.ArrayList<>();
        int literals = 0;
        for (io.rulescope.rule.Rule rule : catalogs.peek().rules().all()) {
            if (!"spl".equals(rule.getLanguage()) || !"escu".equals(rule.getSourceName())) {
                continue;
            }
            io.rulescope.query.QueryAnalysis analysis = catalogs.peek().indicators().analysisOf(rule);
            if (analysis.stages().isEmpty()) {
                continue;
            }
            String command = analysis.stages().get(0).command();
            if (!command.equals("search") && !command.equals("tstats")) {
                // mstats, inputlookup, from ...: first stages that are not searches are shown, not taken apart.
                continue;
            }
            String first = analysis.stages().get(0).text();
            // Subsearches ([search ...]) filter at run time and are shown as such, not taken apart: their literals are
            // not this stage's predicates.
            String stage = firstStage(expand(first, macros, 0)).replaceAll("\\[\\s*(?:search\\s|\\|)[^\\[\\]]*\\]", " ");
            int by = stage.toLowerCase(java.util.Locale.ROOT).indexOf(" by ");
            stage = by > 0 && first.strip().startsWith("| tstats") ? stage.substring(0, by) : stage;
            java.util.Set<String> values = new java.util.HashSet<>();
            analysis.indicators().forEach(i -> values.add((i.field() + "=" + i.value()).toLowerCase(java.util.Locale.ROOT)));
            boolean[] quoted = quoted(stage);
            java.util.regex.Matcher m = LITERAL.matcher(stage);
            while (m.find()) {
                if (quoted[m.start()]) {
                    continue;
                }
                String written = m.group(1);
                String field = written.contains(".") ? written.substring(written.lastIndexOf('.') + 1) : written;
                String value = m.group(3).startsWith("\"") ? m.group(3).substring(1, m.group(3).length() - 1) : m.group(3);
                if (COMMAND_OPTIONS.contains(field.toLowerCase(java.util.Locale.ROOT)) || value.startsWith("$") || value.contains("`")) {
                    continue;
                }
                literals++;
                String bare = value.replace("\\\\", "\\").replace("\\\"", "\"").replaceAll("^\\*|\\*$", "");
                // Data model fields (Processes.process_name) are indicators on process_name; JSON paths
                // (api.operation) keep their whole name.
                boolean found = false;
                String afterModel = written.contains(".") ? written.substring(written.indexOf('.') + 1) : written;
                for (String f : List.of(field, written, afterModel)) {
                    String prefix = f.toLowerCase(java.util.Locale.ROOT) + "=";
                    found |= values.contains(prefix + bare.toLowerCase(java.util.Locale.ROOT))
                            || values.contains(prefix + value.toLowerCase(java.util.Locale.ROOT))
                            || values.stream().anyMatch(v -> v.startsWith(prefix) && v.replace("*", "")
                                    .contains(bare.toLowerCase(java.util.Locale.ROOT).replace("*", "")));
                }
                if (!found) {
                    misses.add(rule.getSourcePath() + ": " + field + m.group(2) + value);
                }
            }
        }
        System.out.printf("ESCU first-stage literals: %d checked, %d not among the rule's indicators%n", literals, misses.size());
        misses.stream().limit(60).forEach(x -> System.out.println("  " + x));
        assertThat(literals).isGreaterThan(1000);
        assertThat(misses).isEmpty();
    }

    private java.util.Set<String> platforms(String q) throws InterruptedException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        find(q, 1).facets().get(io.rulescope.search.Facet.PLATFORM).forEach(c -> out.add(c.value()));
        return out;
    }

    /** Event coverage is one model for every platform: an event or activity finds every rule reading it. */
    @Test
    void eventsLogSourcesAndDataSourcesFindRulesOfEveryPlatform() throws Exception {
        String[] queries = { "datasource:\"Sysmon EventID 1\"", "event:\"Sysmon 1\"", "event:\"Security 4688\"",
                "event:process_creation", "product:windows", "service:security", "logsource:process_creation",
                "logsource:\"windows / process_creation\"" };
        for (String q : queries) {
            System.out.printf("Telemetry: %s finds %d rules (%s)%n", q, find(q, 1).total(), platforms(q));
        }
        assertThat(platforms("datasource:\"Sysmon EventID 1\"")).contains("Sigma", "Splunk");
        assertThat(platforms("event:\"Sysmon 1\"")).contains("Sigma", "Splunk");
        assertThat(platforms("event:\"Security 4688\"")).contains("Sigma", "Splunk");
        assertThat(find("event:process_creation", 1).total()).isGreaterThanOrEqualTo(find("event:\"Sysmon 1\"", 1).total());
        assertThat(find("event:\"Sysmon EventID 1\"", 1).total()).isEqualTo(find("event:\"sysmon 1\"", 1).total());
        assertThat(find("product:windows", 1).total()).isGreaterThan(1000);
        assertThat(find("service:security", 1).total()).isPositive();
        assertThat(find("logsource:\"windows / process_creation\"", 1).total()).isPositive()
                .isLessThanOrEqualTo(find("logsource:process_creation", 1).total());
        assertThat(find("event:process_creation", 1).facets()).containsKeys(io.rulescope.search.Facet.EVENT, io.rulescope.search.Facet.LOGSOURCE);
    }

    @Test
    void aSearchSaysWhichOfItsRulesHaveACounterpartOnAChosenPlatform() throws Exception {
        loaded();
        String base = "http://localhost:" + port;
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/api/elsewhere?q=comsvcs+MiniDump+platform:Sigma&on=splunk")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/elsewhere?q=comsvcs+MiniDump&on=Splunk")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/api/elsewhere?q=T1003&on=QRadar")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknownPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "/elsewhere?q=T1003&on=%3Cscript%3E")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"on\":\"Splunk\"", "Dump LSASS via comsvcs DLL", "both: process creation");
        assertThat(page.body()).contains("rules have a counterpart on", "Dump LSASS via comsvcs DLL", "rules of the search are");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("UNKNOWN_PLATFORM", "Splunk", "Sigma");
        assertThat(unknownPage.statusCode()).isEqualTo(400);
        assertThat(unknownPage.body()).contains("No rules of a platform called &quot;&lt;script&gt;&quot;").doesNotContain("<script>");
    }

    @Test
    void theCoveragePageSaysWhatCanRunOnTheEventsTickedInItsAddress() throws Exception {
        loaded();
        String base = "http://localhost:" + port + "/coverage";
        String none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> sysmon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                + "?have=Sysmon+1&have=Security+4688")).build(), HttpResponse.BodyHandlers.ofString());
        long canRun = find("event:\"Process creation\"", 1).total();
        String needed = sysmon.body().substring(sysmon.body().indexOf("What to collect next"), sysmon.body().indexOf("the catalog beside what can run"));

        assertThat(none).contains("Process creation", "Sysmon 1", "Security 4688", "Sysmon as commonly configured", "event-filter")
                .doesNotContain("id=\"result\"");
        assertThat(sysmon.statusCode()).isEqualTo(200);
        assertThat(canRun).as("process creation is more than the two ids ticked").isGreaterThanOrEqualTo(
                find("event:\"Sysmon 1\" OR event:\"Security 4688\"", 1).total());
        assertThat(sysmon.body()).contains("<strong>" + canRun + "</strong> rules can run", "Credential Access",
                "value=\"Process creation\" checked=\"checked\"", "(as Sysmon 1, Security 4688)");
        assertThat(needed).as("what to collect next never proposes what the user has under another name")
                .doesNotContain(">Process creation<", "event.category:process").contains("Registry value set");
        System.out.printf("Coverage: Sysmon 1 + Security 4688 let %d rules run (Sysmon 1 alone %d, Security 4688 alone %d)%n", canRun,
                find("event:\"Sysmon 1\"", 1).total(), find("event:\"Security 4688\"", 1).total());
    }

    /** Totals are exact, however many rules match: Lucene counts only the first thousand unless asked. */
    @Test
    void totalsAreExactBeyondTheFirstThousandHits() throws Exception {
        loaded();
        long all = catalogs.peek().rules().size();

        assertThat(search.list(catalogs.peek().index(), RuleFilter.NONE, 1, 1, "title").total()).isEqualTo(all);
        assertThat(find("platform:Sigma status:any", 1).total() + find("-platform:Sigma status:any", 1).total()).isEqualTo(all);
    }
}
