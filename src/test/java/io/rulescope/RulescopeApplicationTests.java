package io.rulescope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.catalog.IngestReport;

import tools.jackson.databind.JsonNode;

/** The whole application over the embedded content, through real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RulescopeApplicationTests extends RunningApp {

    private static final String ENCODED_POWERSHELL = "5b220c85-d411-4f51-b7bf-45e2bfb9eb95";
    private static final String DEFENDER_COLLECTION = "d5a1246e-8afc-4dc8-b3de-e2b8c88a7fbf";

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, "*/*");
    }

    @Test
    void theEmbeddedContentIngestsWithoutErrorsAndCoversEveryLayout() {
        IngestReport report = ingest.report();

        assertThat(report.state()).isEqualTo(IngestReport.State.READY);
        assertThat(report.totals().errors()).isZero();
        assertThat(report.totals().warnings()).isZero();
        assertThat(report.totals().rules()).isGreaterThanOrEqualTo(30);
        assertThat(report.rulesByFormat()).containsKeys("ESCU_2024", "ESCU_2026", "LOGIC", "SIGMA", "SIGMA_CORRELATION", "SIGMA_FILTER");
        assertThat(report.supporting().macros()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theHomePageShowsTotalsPerPlatformAndTactic() throws Exception {
        HttpResponse<String> home = get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("By platform", "Splunk", "Sigma", "Microsoft Sentinel", "Credential Access");
        assertThat(home.body()).doesNotContain("still loading");
    }

    @Test
    void aRulePageShowsHeaderAttackCoverageAndTheHighlightedBody() throws Exception {
        HttpResponse<String> page = get("/rules/" + ENCODED_POWERSHELL);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Windows Encoded PowerShell Command Line", "Detection rules", "production",
                "Execution", "T1059.001", "Command and Scripting Interpreter: PowerShell", "Defense Evasion", "T1027",
                "Processes.dest", "Processes.parent_process_name", "(process.parent.name)", "Rule body", "class=\"y-key\"", "Copy permalink");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    }

    private static final String CLOUDTRAIL_DISABLED = "a8b6456a-cc7a-4290-87fa-b27f67cda783";

    @Test
    void aRulePageTakesTheQueryApartWithMacrosExpandedAndCorpusCounts() throws Exception {
        HttpResponse<String> page = get("/rules/" + CLOUDTRAIL_DISABLED);

        assertThat(page.body()).contains("Stages and predicates", "id=\"indicators\"", "id=\"search-terms\"", "id=\"event-coverage\"",
                "sourcetype eq aws:cloudtrail", "This rule has no bare search terms", "tuning hook", "AWS CloudTrail", "StopLogging");
        assertThat(page.body().indexOf("id=\"attack\"")).isLessThan(page.body().indexOf("id=\"stages\""));
        assertThat(page.body().indexOf("id=\"stages\"")).isLessThan(page.body().indexOf("id=\"indicators\""));
        assertThat(page.body().indexOf("id=\"event-coverage\"")).isLessThan(page.body().indexOf("id=\"body\""));
    }

    @Test
    void theApiAddsStagesIndicatorsSearchTermsAndEventCoverage() throws Exception {
        JsonNode rule = json("/api/rules/" + CLOUDTRAIL_DISABLED);

        assertThat(rule.path("stages").get(0).path("command").asString()).isEqualTo("search");
        JsonNode sourcetype = rule.path("indicators").get(0);
        assertThat(sourcetype.path("field").asString()).isEqualTo("sourcetype");
        assertThat(sourcetype.path("kind").asString()).isEqualTo("eq");
        assertThat(sourcetype.path("polarity").asString()).isEqualTo("match");
        assertThat(sourcetype.path("values").get(0).path("value").asString()).isEqualTo("aws:cloudtrail");
        assertThat(sourcetype.path("values").get(0).path("corpus").asInt()).as("the other CloudTrail SPL rules in content/").isGreaterThanOrEqualTo(3);
        assertThat(rule.path("searchTerms").isArray()).isTrue();
        assertThat(rule.path("eventCoverage").toString()).contains("StopLogging", "DeleteTrail");
    }

    @Test
    void aCorpusCountLinksToTheRulesSharingTheIndicator() throws Exception {
        JsonNode shared = json("/api/indicators?field=sourcetype&kind=eq&value=AWS:CloudTrail");
        HttpResponse<String> page = get("/indicators?field=sourcetype&kind=eq&value=aws%3Acloudtrail");

        assertThat(shared.path("total").asInt()).as("case is folded as Splunk compares").isGreaterThanOrEqualTo(4);
        assertThat(shared.toString()).contains("AWS CloudTrail Logging Disabled", "AWS S3 Bucket ACL Made Public");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("AWS CloudTrail Logging Disabled");
    }

    @Test
    void aMalformedIndicatorLookupIsA400WithAMessage() throws Exception {
        HttpResponse<String> api = get("/api/indicators?field=x&kind=bogus&value=1");
        HttpResponse<String> page = get("/indicators?field=x");

        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("unknown kind 'bogus'");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("name a field and a kind");
    }

    @Test
    void sigmaFieldsFoldToTheirCanonicalNameOnThePage() throws Exception {
        HttpResponse<String> page = get("/rules/d5f43b1a-7d93-45fd-8424-b595eb163184");

        assertThat(page.body()).contains("selection_img", "condition", "process.executable", "windash", "exclude",
                "Sysmon", "Event ID 1", "Process creation", "Security", "Event ID 4688");
    }

    @Test
    void aCorrelationLinksToTheRulesItCountsByTheirSigmaName() throws Exception {
        HttpResponse<String> correlation = get("/rules/6937ffa8-61ac-4359-83ca-f28e972b9b0e");
        HttpResponse<String> byName = get("/rules/windows_failed_logon");

        assertThat(correlation.body()).contains("Correlation", "event_count", "10m", "gte 20", "TargetUserName",
                "href=\"/rules/windows_failed_logon\"", "A correlation rule matches no events itself");
        assertThat(byName.statusCode()).isEqualTo(302);
        assertThat(byName.headers().firstValue("Location")).hasValue("/rules/16301494-df6e-49a7-ae3a-cdd5565c4adc");
    }

    @Test
    void theSearchApiAnswersWithHitsFacetsAndTiming() throws Exception {
        JsonNode result = json("/api/search?q=T1562&size=50");

        assertThat(result.path("total").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(result.has("tookMs")).isTrue();
        assertThat(result.path("hits").toString()).contains("AWS CloudTrail Logging Disabled", "\"permalink\":\"/rules/");
        assertThat(result.path("facets").path("platform").has("Sigma")).isTrue();
        assertThat(result.path("facets").path("tactic").has("Defense Evasion")).isTrue();
    }

    @Test
    void aRepeatedSearchIsAnsweredFromTheCacheAndSaysSo() throws Exception {
        JsonNode first = json("/api/search?q=Sysmon&size=7");
        JsonNode again = json("/api/search?q=Sysmon&size=7");

        assertThat(first.path("cached").asBoolean()).isFalse();
        assertThat(again.path("cached").asBoolean()).isTrue();
        assertThat(again.path("total").asInt()).isEqualTo(first.path("total").asInt()).isPositive();
        assertThat(again.path("hits").toString()).isEqualTo(first.path("hits").toString());
    }

    @Test
    void aBadSearchIsA400WithErrorAndPositionInJsonAndAMessageOnThePage() throws Exception {
        HttpResponse<String> api = get("/api/search?q=%28T1059+OR");
        HttpResponse<String> page = get("/search?q=%28T1059+OR");

        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("\"error\":", "\"position\":");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("needs a term on both sides", "(position 7)").doesNotContain("Exception");
    }

    @Test
    void theSearchPageShowsHitsWithHighlightsAndFacetLinksThatNarrowTheQuery() throws Exception {
        HttpResponse<String> page = get("/search?q=shadow");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Windows Shadow Copy Deletion via Vssadmin", "<mark>shadow</mark>",
                "/search?q=shadow%20platform:Splunk");
    }

    @Test
    void broadWildcardSearchesInARowAreTurnedAwayWithTheReasonAndWhenToRetry() throws Exception {
        // Nine two-letter patterns over three text fields: each walks every term, which makes the search broad.
        String broad = java.net.URLEncoder.encode("*ab* OR *cd* OR *ef* OR *gh* OR *ij* OR *kl* OR *mn* OR *op* OR *qr*",
                java.nio.charset.StandardCharsets.UTF_8);
        // At most four broad searches a second: the one right after another is turned away (each takes milliseconds here).
        java.util.List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        answers.add(get("/api/search?q=" + broad + "&page=1"));
        HttpResponse<String> page = get("/search?q=" + broad + "&page=2");
        for (int n = 3; n <= 5; n++) {
            answers.add(get("/api/search?q=" + broad + "&page=" + n));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isIn(200, 429));
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("Too many broad wildcard searches");
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.body()).contains("Too many broad wildcard searches", "<form");
        // An ordinary search is never held back by them.
        assertThat(get("/api/search?q=powershell").statusCode()).isEqualTo(200);
    }

    @Test
    void theMatrixShowsEveryTacticAndFollowsASearch() throws Exception {
        HttpResponse<String> all = get("/attack");
        HttpResponse<String> sigma = get("/attack?q=platform:Sigma");
        HttpResponse<String> bad = get("/attack?q=%28oops");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("Reconnaissance", "Impact", "Impair Defenses", "shade-0", "href=\"/techniques/T1562\"",
                "data-t=\"T1562\"");
        assertThat(all.body().length()).as("every technique, sub-techniques on demand").isLessThan(60_000);
        JsonNode subs = json("/api/attack/sub-techniques?id=T1562&tactic=defense-evasion");
        assertThat(subs.findValuesAsString("id")).contains("T1562.001");
        assertThat(subs.get(0).has("rules")).isTrue();
        assertThat(sigma.statusCode()).isEqualTo(200);
        assertThat(sigma.body()).contains("matching <code>platform:Sigma</code>");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("never closed");
    }

    @Test
    void aTechniquePageRollsUpRulesFromItsSubTechniquesAndMarksThem() throws Exception {
        HttpResponse<String> parent = get("/techniques/T1562");
        HttpResponse<String> unknown = get("/techniques/T9999");

        assertThat(parent.statusCode()).isEqualTo(200);
        assertThat(parent.body()).contains("Impair Defenses", "Defense Evasion", "T1562.008", "AWS CloudTrail Logging Disabled",
                "via sub-technique", "attack.mitre.org/techniques/T1562");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(get("/tactics/TA0005").body()).contains("Defense Evasion", "Impair Defenses");
        assertThat(get("/tactics/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void theEventVocabularyIsServedWithOcsfClassesSourcesAndRuleCounts() throws Exception {
        JsonNode events = json("/api/events");
        JsonNode processCreation = null;
        for (JsonNode e : events) {
            if (e.path("id").asString().equals("process_creation")) {
                processCreation = e;
            }
        }

        assertThat(events.size()).isGreaterThan(30);
        assertThat(processCreation).isNotNull();
        assertThat(processCreation.path("name").asString()).isEqualTo("Process creation");
        assertThat(processCreation.path("ocsf").asString()).isEqualTo("Process Activity 1007");
        assertThat(processCreation.path("sources").toString()).contains("Sysmon 1", "Security 4688", "Sentinel table DeviceProcessEvents");
        assertThat(processCreation.path("rules").asLong()).as("the embedded rules read process starts").isPositive();
        assertThat(processCreation.path("byPlatform").size()).isPositive();
    }

    @Test
    void aSigmaRuleConvertsToSplAndEveryOtherAnswerSaysWhyNot() throws Exception {
        String certutil = "884798d1-c762-4410-a765-86e49fad084e";
        JsonNode converted = json("/api/rules/" + certutil + "/convert?target=splunk");
        HttpResponse<String> unknownTarget = get("/api/rules/" + certutil + "/convert?target=qradar");
        HttpResponse<String> splunkRule = get("/api/rules/" + ENCODED_POWERSHELL + "/convert?target=splunk");
        HttpResponse<String> missing = get("/api/rules/no-such-rule/convert");

        assertThat(converted.path("target").asString()).isEqualTo("splunk");
        assertThat(converted.path("queries").get(0).asString()).isEqualTo("(Image=\"*\\\\certutil.exe\" OR OriginalFileName=\"CertUtil.exe\")"
                + " CommandLine IN (\"*urlcache *\", \"*verifyctl *\") CommandLine=\"*http*\"");
        assertThat(converted.path("unsupported").size()).isZero();
        assertThat(json("/api/convert/targets").toString()).contains("\"id\":\"splunk\"");
        assertThat(unknownTarget.statusCode()).isEqualTo(400);
        assertThat(unknownTarget.body()).contains("no target called", "splunk");
        assertThat(splunkRule.statusCode()).isEqualTo(422);
        assertThat(splunkRule.body()).contains("only Sigma rules convert");
        assertThat(missing.statusCode()).isEqualTo(404);
        String page = get("/rules/" + certutil).body();
        assertThat(page).contains("id=\"convert\"", "Use in your SIEM", "Splunk SPL",
                "CommandLine IN (&quot;*urlcache *&quot;, &quot;*verifyctl *&quot;)");
        assertThat(get("/rules/" + ENCODED_POWERSHELL).body()).as("a Splunk rule has nothing to convert").doesNotContain("id=\"convert\"");
    }

    @Test
    void aSigmaRuleConvertsForEveryTargetWithTheFieldsItsPipelineRenamed() throws Exception {
        String certutil = "884798d1-c762-4410-a765-86e49fad084e";
        JsonNode targets = json("/api/convert/targets");
        JsonNode xdr = json("/api/rules/" + certutil + "/convert?target=kusto-xdr");
        String page = get("/rules/" + certutil + "?target=kusto-xdr").body();

        assertThat(targets.size()).isEqualTo(13);
        assertThat(targets.toString()).contains("\"id\":\"splunk-cim\"", "\"id\":\"esql-ecs\"", "Microsoft Defender XDR advanced hunting tables");
        assertThat(xdr.path("queries").get(0).asString()).startsWith("DeviceProcessEvents\n| where ").contains("ProcessCommandLine");
        assertThat(xdr.path("mappings").toString()).contains("{\"from\":\"CommandLine\",\"to\":\"ProcessCommandLine\"}");
        assertThat(page).contains("value=\"kusto-xdr\" selected=\"selected\"", "DeviceProcessEvents", "fields renamed",
                "<code>ProcessCommandLine</code>");
        for (JsonNode target : targets) {
            HttpResponse<String> answer = get("/api/rules/" + certutil + "/convert?target=" + target.path("id").asString());
            assertThat(answer.statusCode()).as(target.path("id").asString()).isIn(200, 422);
            assertThat(get("/rules/" + certutil + "?target=" + target.path("id").asString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRulePageListsSimilarRulesWithWhatTheyShare() throws Exception {
        JsonNode rule = json("/api/rules/" + CLOUDTRAIL_DISABLED);
        HttpResponse<String> page = get("/rules/" + CLOUDTRAIL_DISABLED);

        assertThat(rule.path("similar").size()).isBetween(1, 5);
        assertThat(rule.path("similar").get(0).path("shared").toString()).as("what both detect, not the log both read")
                .contains("eventName eq StopLogging").doesNotContain("sourcetype");
        assertThat(page.body()).contains("id=\"similar\"", "Similar rules");
    }

    @Test
    void theNavigatorLayerHasTheLayerFormatsRequiredFieldsAndScoresTechniques() throws Exception {
        JsonNode layer = json("/api/navigator?q=platform:Sigma");

        assertThat(layer.path("name").asString()).isEqualTo("Rulescope: platform:Sigma");
        assertThat(layer.path("domain").asString()).isEqualTo("enterprise-attack");
        assertThat(layer.path("versions").path("layer").asString()).isEqualTo("4.5");
        assertThat(layer.path("techniques").size()).isPositive();
        for (JsonNode t : layer.path("techniques")) {
            assertThat(t.path("techniqueID").asString()).matches("T\\d{4}(\\.\\d{3})?");
            assertThat(t.path("score").asInt()).isPositive();
            assertThat(t.path("comment").asString()).isNotBlank();
        }
        assertThat(get("/api/navigator?q=%28").statusCode()).isEqualTo(400);
    }

    @Test
    void theFeedParsesAsAtomWithOneEntryPerRule() throws Exception {
        HttpResponse<String> feed = get("/feed.atom?q=platform:Sigma");

        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(feed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/atom+xml"));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        var entries = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(16);
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "updated").item(0).getTextContent()).matches("\\d{4}-.*Z");
    }

    @Test
    void rulePagesUnfurlInChatAndBrowsersCanAddTheSearchEngine() throws Exception {
        HttpResponse<String> page = get("/rules/" + CLOUDTRAIL_DISABLED);
        HttpResponse<String> opensearch = get("/opensearch.xml");

        assertThat(page.body()).contains("<meta property=\"og:title\" content=\"AWS CloudTrail Logging Disabled\">",
                "Splunk rule · T1562.008 · high", "<link rel=\"canonical\" href=\"http://localhost:" + port + "/rules/" + CLOUDTRAIL_DISABLED,
                "Copy as Markdown link", "rel=\"search\"");
        assertThat(opensearch.body()).contains("OpenSearchDescription", "/search?q={searchTerms}");
    }

    @Test
    void suggestionsOfferTechniquesFieldsAndTitles() throws Exception {
        assertThat(json("/api/suggest?q=T1562").path("techniques").get(0).path("id").asString()).isEqualTo("T1562");
        assertThat(json("/api/suggest?q=eventN").path("fields").toString()).contains("eventName");
        assertThat(json("/api/suggest?q=shadow").path("rules").toString()).contains("Windows Shadow Copy Deletion via Vssadmin");
        assertThat(json("/api/suggest?q=x").path("rules").size()).isZero();
    }

    @Test
    void aFieldPageListsItsValuesMostCommonFirstAcrossSpellings() throws Exception {
        HttpResponse<String> page = get("/fields/sourcetype");
        HttpResponse<String> image = get("/fields/Image");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("aws:cloudtrail", "/indicators?field=sourcetype&amp;kind=eq&amp;value=aws:cloudtrail");
        assertThat(image.body()).contains("Folded to <code>process.executable</code>", "\\powershell.exe");
    }

    @Test
    void sourceAndDataSourcePagesSummariseWhatTheyContribute() throws Exception {
        HttpResponse<String> source = get("/sources/rulescope");
        HttpResponse<String> dataSource = get("/datasources/Windows%20Sysmon");

        assertThat(source.statusCode()).isEqualTo(200);
        assertThat(source.body()).contains("Source", "Platform", "Tactic", "Most recently changed");
        assertThat(dataSource.body()).contains("Credential Dumping via Comsvcs MiniDump - Windows");
        assertThat(get("/sources/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void compareShowsSharedAndMissingTechniquesAndTheClosestRulePairs() throws Exception {
        HttpResponse<String> page = get("/compare?a=platform:Splunk&b=platform:Sigma");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Techniques in both", "Only in A", "Only in B", "T1562.008",
                "Windows Security Event Log Cleared", "Security Audit Log Cleared");
        assertThat(get("/compare?a=%28&b=x").statusCode()).isEqualTo(400);
    }

    @Test
    void renderedPagesAreServedFromThePageCacheButFailuresAreNot() throws Exception {
        String path = "/rules/" + CLOUDTRAIL_DISABLED + "/aws-cloudtrail-logging-disabled";
        HttpResponse<String> first = get(path);
        HttpResponse<String> second = get(path);
        HttpResponse<String> missing = get("/rules/not-here-either");
        HttpResponse<String> missingAgain = get("/rules/not-here-either");

        assertThat(first.headers().firstValue("X-Page-Cache")).isEmpty();
        assertThat(second.headers().firstValue("X-Page-Cache")).hasValue("hit");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(missingAgain.statusCode()).isEqualTo(404);
        assertThat(missingAgain.headers().firstValue("X-Page-Cache")).isEmpty();
        HttpResponse<String> otherHost = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otherHost.headers().firstValue("X-Page-Cache")).as("absolute URLs differ per host").isEmpty();
        assertThat(otherHost.body()).contains("http://127.0.0.1:" + port + "/rules/");
    }

    @Test
    void browsersGetPagesGzippedFromThePageCacheAndOtherClientsGetTheSameTextInflated() throws Exception {
        String path = "/rules/" + DEFENDER_COLLECTION;
        HttpResponse<byte[]> firstGzipped = gzipGet(path);
        HttpResponse<String> text = get(path);
        HttpResponse<byte[]> againGzipped = gzipGet(path);

        assertThat(firstGzipped.statusCode()).isEqualTo(200);
        assertThat(firstGzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(firstGzipped.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        assertThat(text.headers().firstValue("X-Page-Cache")).hasValue("hit");
        assertThat(text.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(text.body()).contains("<html").endsWith("</html>\n");
        assertThat(gunzip(firstGzipped.body())).isEqualTo(text.body());
        assertThat(againGzipped.headers().firstValue("X-Page-Cache")).hasValue("hit");
        assertThat(againGzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(againGzipped.body())).isEqualTo(text.body());
        assertThat(againGzipped.headers().firstValue("Content-Length")).hasValue(String.valueOf(againGzipped.body().length));
    }

    @Test
    void apiAnswersAreCompressedForClientsThatAcceptGzipUnderAWeakEtag() throws Exception {
        HttpResponse<byte[]> gzipped = gzipGet("/api/search?q=powershell");
        HttpResponse<String> text = get("/api/search?q=powershell");

        assertThat(text.body().length()).as("large enough for Tomcat to compress").isGreaterThan(2048);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).as("a strong ETag would stop Tomcat compressing").hasValue("gzip");
        assertThat(gzipped.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).startsWith("W/\""));
        var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(mapper.readTree(gunzip(gzipped.body())).path("hits")).isEqualTo(mapper.readTree(text.body()).path("hits"));
    }

    private HttpResponse<byte[]> gzipGet(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Encoding", "gzip, deflate, br")
                .header("Accept", BROWSER_ACCEPT).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] gzipped) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSlugFormOfAPermalinkWorksToo() throws Exception {
        assertThat(get("/rules/" + ENCODED_POWERSHELL + "/windows-encoded-powershell-command-line").statusCode()).isEqualTo(200);
        assertThat(get("/rules/" + ENCODED_POWERSHELL + "/an-old-title").statusCode()).isEqualTo(200);
    }

    @Test
    void theApiReturnsTheRuleWithTheDocumentedFieldNames() throws Exception {
        JsonNode rule = json("/api/rules/" + ENCODED_POWERSHELL);

        assertThat(rule.path("id").asString()).isEqualTo(ENCODED_POWERSHELL);
        assertThat(rule.path("platform").asString()).isEqualTo("Splunk");
        assertThat(rule.path("language").asString()).isEqualTo("spl");
        assertThat(rule.path("source").path("path").asString()).isEqualTo("rules/splunk/windows_encoded_powershell_command_line.yml");
        assertThat(rule.path("severity").asString()).isEqualTo("medium");
        assertThat(rule.path("attack").get(0).path("tactic").asString()).isEqualTo("Execution");
        assertThat(rule.path("attack").get(0).path("techniques").get(0).path("id").asString()).isEqualTo("T1059.001");
        assertThat(rule.path("groupBy").size()).isEqualTo(5);
        assertThat(rule.path("permalink").asString()).isEqualTo("/rules/" + ENCODED_POWERSHELL);
        assertThat(rule.path("raw").asString()).startsWith("name: Windows Encoded PowerShell Command Line");
        for (String field : new String[] { "title", "status", "author", "date", "modified", "description", "references" }) {
            assertThat(rule.has(field)).as(field).isTrue();
        }
    }

    @Test
    void anUnknownIdAnswers404WithAMessageInHtmlAndJson() throws Exception {
        HttpResponse<String> api = get("/api/rules/no-such-rule");
        HttpResponse<String> page = get("/rules/no-such-rule");

        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("\"error\":\"no rule with this id\"");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("The catalog has no rule").doesNotContain("Exception");
    }

    @Test
    void rulesSharingAnIdAreListedEachWithItsOwnPermalink() throws Exception {
        HttpResponse<String> shared = get("/rules/" + DEFENDER_COLLECTION);
        JsonNode choices = json("/api/rules/" + DEFENDER_COLLECTION);

        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(shared.body()).contains("Several rules share the id");
        assertThat(choices.path("rules").size()).isEqualTo(2);
        String own = choices.path("rules").get(1).path("permalink").asString();
        assertThat(own).startsWith("/rules/" + DEFENDER_COLLECTION + "/");
        assertThat(get(own).body()).contains("Microsoft Defender Real-Time Protection Disabled", "registry_set");
    }

    @Test
    void aPathLinkRedirectsToTheIdPermalink() throws Exception {
        HttpResponse<String> response = get("/rules/by-path/rulescope/rules/splunk/windows_encoded_powershell_command_line.yml");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/rules/" + ENCODED_POWERSHELL);
        assertThat(get("/rules/by-path/rulescope/rules/nope.yml").statusCode()).isEqualTo(404);
    }

    @Test
    void theRuleListFiltersByPlatformAndTactic() throws Exception {
        HttpResponse<String> sigma = get("/rules?platform=Sigma");
        HttpResponse<String> exfil = get("/rules?tactic=exfiltration");

        assertThat(sigma.statusCode()).isEqualTo(200);
        assertThat(sigma.body()).contains("Security Audit Log Cleared").doesNotContain("Windows Encoded PowerShell Command Line");
        assertThat(exfil.body()).contains("Rclone Copy to Cloud Storage - Windows").doesNotContain("Security Audit Log Cleared");
    }

    @Test
    void theIngestReportIsServedAsHtmlAndJson() throws Exception {
        assertThat(get("/ingest").body()).contains("Ingest report", "Rules per format", "Every file was read without a problem");
        JsonNode report = json("/api/ingest");
        assertThat(report.path("state").asString()).isEqualTo("READY");
        assertThat(report.path("phaseMillis").has("parse")).isTrue();
    }

    @Test
    void anSplRulePageSaysHowItsFirstStageReadsAsBooleanLogic() throws Exception {
        String page = get("/rules/" + CLOUDTRAIL_DISABLED).body();

        assertThat(page).contains("class=\"muted reads-as\">Reads as <code>sourcetype eq aws:cloudtrail AND");
    }

    @Test
    void pagesAndAnswersCarryTheCatalogsEtagAndAnswer304WhenItIsSentBack() throws Exception {
        HttpResponse<String> first = get("/rules/" + ENCODED_POWERSHELL);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rules/" + ENCODED_POWERSHELL))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/search?q=T1059"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rules/" + ENCODED_POWERSHELL))
                .header("If-None-Match", "\"an-older-catalog-0\"").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(api.statusCode()).as("one catalog, one ETag for every answer").isEqualTo(304);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(get("/api/ingest").headers().firstValue("ETag")).as("live state is not cached").isEmpty();
    }

    @Test
    void aRuleIdTypedIntoTheSearchBoxOpensTheRule() throws Exception {
        HttpResponse<String> search = send("GET", "/search?q=" + ENCODED_POWERSHELL, BROWSER_ACCEPT);

        assertThat(search.statusCode()).isEqualTo(302);
        assertThat(search.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/rules/" + ENCODED_POWERSHELL));
    }

    @Test
    void aSearchOfOnlyExclusionsSaysItSearchedForTheText() throws Exception {
        HttpResponse<String> page = get("/search?q=-enc");
        JsonNode api = json("/api/search?q=-enc");

        assertThat(page.body()).contains("Searched for the text \u201c-enc\u201d");
        assertThat(api.path("notes").get(0).asString()).startsWith("Searched for the text");
    }

    @Test
    void withoutAConfiguredAdminTokenThereIsNoRefreshEndpoint() throws Exception {
        HttpResponse<String> refresh = send("POST", "/api/refresh", "application/json");

        assertThat(refresh.statusCode()).isEqualTo(404);
        assertThat(ingest.refreshes()).allSatisfy(r -> assertThat(r.trigger()).isEqualTo("start"));
    }

    @Test
    void healthIsUpOnceLoadedAndNothingElseIsExposed() throws Exception {
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(get("/h2-console").statusCode()).isEqualTo(404);
    }
}
