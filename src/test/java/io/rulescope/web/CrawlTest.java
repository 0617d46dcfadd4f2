package io.rulescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import io.rulescope.RunningApp;
import io.rulescope.SharedData;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.rule.Rule;

/**
 * Every link a user can follow, over the four shared corpora: start at the home page and at a sample of rule pages of
 * each platform, follow every link of every page reached, breadth first, and require that none answers a 5xx or a 404
 * or shows a stack trace. Links of one shape (the same path segments and parameter names) are capped, so the crawl spends its
 * budget on every kind of page rather than on ten thousand rule pages.
 */
@EnabledIf(value = "allPresent", disabledReason = "../shared is absent: the crawl needs all four corpora")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CrawlTest extends RunningApp {

    private static final int PAGE_BUDGET = 3000;
    private static final int PER_SHAPE = 100;
    private static final int RULES_PER_PLATFORM = 12;
    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)");
    private static final Pattern SEGMENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}|T\\d{4}(\\.\\d{3})?|TA\\d{4}|[0-9a-f]{7,40}");

    static boolean allPresent() {
        return SharedData.corpusPresent() && SharedData.sentinelPresent() && SharedData.elasticPresent();
    }

    @DynamicPropertySource
    static void fourCorpora(DynamicPropertyRegistry registry) {
        registry.add("rulescope.sources", () -> String.join(",", "escu=" + SharedData.escu(), "sigma=" + SharedData.sigma(),
                "sentinel=" + SharedData.sentinel(), "elastic=" + SharedData.elastic()));
    }

    @Autowired
    CatalogHolder catalogs;

    @Test
    void everyLinkReachedFromTheHomePageAndFromRulesOfEveryPlatformAnswersWithoutAServerError() throws Exception {
        Deque<String> queue = new ArrayDeque<>();
        Map<String, String> linkedFrom = new HashMap<>();
        Map<String, Integer> shapes = new HashMap<>();
        offer("/", "(start)", queue, linkedFrom, shapes);
        sampleRulePages().forEach(path -> offer(path, "(sample)", queue, linkedFrom, shapes));

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new HashMap<>();
        int visited = 0;
        while (!queue.isEmpty() && visited < PAGE_BUDGET) {
            String path = queue.poll();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", BROWSER_ACCEPT).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            visited++;
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            String body = response.body();
            if (response.statusCode() >= 500 || response.statusCode() == 404) {
                failures.add(response.statusCode() + " " + path + " (linked from " + linkedFrom.get(path) + ")");
            } else if (body.contains("at io.rulescope.") || body.contains("at java.base/") || body.contains("\"trace\"")) {
                failures.add("stack trace on " + path);
            }
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                Matcher links = HREF.matcher(body);
                while (links.find()) {
                    offer(HtmlUtils.htmlUnescape(links.group(1)), path, queue, linkedFrom, shapes);
                }
            }
        }

        System.out.printf("Crawl: %d pages visited (%d more queued), statuses %s, %d link shapes%n", visited, queue.size(), byStatus,
                shapes.size());
        assertThat(failures).as("pages that failed").isEmpty();
        assertThat(visited).as("the crawl reaches well beyond the home page").isGreaterThan(1000);
    }

    @Test
    void comparingTwoRulesWhoseIndicatorsTestOnlyThatAFieldIsPresentAnswers() throws Exception {
        String pair = "?a=04455dd3-ced7-480f-b8e6-5469b99e98e2&b=ceb8d3d8-06cb-49eb-beaf-829526e33ff0";

        assertThat(send("GET", "/compare/rules" + pair, BROWSER_ACCEPT).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/compare/rules" + pair, "application/json").statusCode()).isEqualTo(200);
    }

    /** Rules of each platform spread over the catalog, not just its first few. */
    private List<String> sampleRulePages() {
        Map<String, List<Rule>> byPlatform = new HashMap<>();
        catalogs.peek().rules().all().stream().sorted(Comparator.comparing(Rule::getUid))
                .forEach(rule -> byPlatform.computeIfAbsent(rule.getPlatform(), p -> new ArrayList<>()).add(rule));
        assertThat(byPlatform.keySet()).contains("Splunk", "Sigma", "Microsoft Sentinel", "Elastic");
        List<String> pages = new ArrayList<>();
        for (String platform : new TreeSet<>(byPlatform.keySet())) {
            List<Rule> rules = byPlatform.get(platform);
            int step = Math.max(1, rules.size() / RULES_PER_PLATFORM);
            for (int i = 0; i < RULES_PER_PLATFORM && i * step < rules.size(); i++) {
                pages.add(rules.get(i * step).getPermalink());
            }
        }
        return pages;
    }

    private static void offer(String path, String from, Deque<String> queue, Map<String, String> linkedFrom, Map<String, Integer> shapes) {
        if (path.startsWith("//") || linkedFrom.putIfAbsent(path, from) != null) {
            return;
        }
        if (shapes.merge(shape(path), 1, Integer::sum) <= PER_SHAPE) {
            queue.add(path);
        }
    }

    /** A link's shape: its path with ids, technique ids and commits blanked, and its parameter names. */
    static String shape(String path) {
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        String[] segments = p.split("/");
        StringBuilder shape = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            shape.append('/').append(i == 1 ? segments[i] : SEGMENT_ID.matcher(segments[i]).matches() ? "{id}" : "*");
        }
        if (q >= 0) {
            TreeSet<String> names = new TreeSet<>();
            for (String pair : path.substring(q + 1).split("&")) {
                names.add(pair.split("=", 2)[0]);
            }
            shape.append('?').append(String.join("&", names));
        }
        return shape.toString();
    }
}
