package io.rulescope.web.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.CatalogHolder;
import io.rulescope.catalog.IngestReport;
import io.rulescope.history.RuleHistories;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.ingest.IngestService;
import io.rulescope.rule.CatalogSummary;
import io.rulescope.rule.RuleSet;
import io.rulescope.search.SearchIndex;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(RuleController.class)
@org.springframework.context.annotation.Import(RuleControllerTest.OpenReading.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties(io.rulescope.web.ListingProperties.class)
class RuleControllerTest {

    /** The controller alone: who may read is the security configuration's, tested through the whole application. */
    @org.springframework.boot.test.context.TestConfiguration
    static class OpenReading {
        @org.springframework.context.annotation.Bean
        org.springframework.security.web.SecurityFilterChain openReading(
                org.springframework.security.config.annotation.web.builders.HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RuleViews views;

    @MockitoBean
    IngestService ingest;

    @MockitoBean
    CatalogHolder catalogs;

    @MockitoBean
    RuleHistories histories;

    @MockitoBean
    io.rulescope.attack.AttackCatalog attack;

    @MockitoBean
    HistoryViews history;

    @MockitoBean
    io.rulescope.search.SearchService search;

    private static IngestReport report(IngestReport.State state) {
        return new IngestReport(state, "read and parse", 100, 40, Instant.now(), null, List.of(), java.util.Map.of(),
                java.util.Map.of(), new IngestReport.Supporting(java.util.Map.of()), java.util.Map.of(),
                new IngestReport.Totals(0, 0, 0, 0, 0, 0), List.of());
    }

    /** No catalog yet: the first ingest is still running, and the layout shows its progress. */
    @BeforeEach
    void noCatalogYet() {
        Catalog loading = Catalog.loading();
        given(catalogs.peek()).willReturn(loading);
        given(catalogs.peekPublic()).willReturn(loading);
        given(catalogs.acquire(org.mockito.ArgumentMatchers.any())).willAnswer(a -> new CatalogHolder().acquire());
    }

    /** A published catalog with no rules. */
    private void anEmptyCatalog() {
        Catalog empty = new Catalog(1, "k", RuleSet.EMPTY, IndicatorIndex.EMPTY, SearchIndex.EMPTY,
                CatalogSummary.EMPTY, report(IngestReport.State.READY), java.util.Map.of());
        given(catalogs.peek()).willReturn(empty);
        given(catalogs.peekPublic()).willReturn(empty);
        given(catalogs.acquire(org.mockito.ArgumentMatchers.any())).willAnswer(a -> {
            CatalogHolder holder = new CatalogHolder();
            holder.publish(empty);
            return holder.acquire();
        });
    }

    @Test
    void whileLoadingAMissingRuleAnswers503AndSaysTheCatalogIsLoading() throws Exception {
        given(ingest.report(org.mockito.ArgumentMatchers.any())).willReturn(report(IngestReport.State.LOADING));

        mvc.perform(get("/rules/missing")).andExpect(status().isServiceUnavailable())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("still loading")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("40</span> of <span>100</span> files")));
    }

    @Test
    void onceLoadedAMissingRuleAnswers404() throws Exception {
        anEmptyCatalog();

        mvc.perform(get("/rules/missing")).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("The catalog has no rule")));
    }

    @Test
    void anOverlongIdIsNotLookedUp() throws Exception {
        anEmptyCatalog();

        mvc.perform(get("/rules/" + "x".repeat(2000))).andExpect(status().isNotFound());
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        anEmptyCatalog();

        mvc.perform(get("/rules/missing"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")));
    }

    @Test
    void theHomePageNamesThePlatformOfEveryDialect() throws Exception {
        anEmptyCatalog();
        given(search.matrixCounts(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any()))
                .willReturn(io.rulescope.attack.AttackMatrix.Counts.NONE);

        String page = mvc.perform(get("/")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        String intro = page.substring(page.indexOf("Browse "), page.indexOf("detection rules:"));
        for (io.rulescope.dialect.Dialect dialect : io.rulescope.dialect.Dialects.all()) {
            assertThat(intro).contains(org.springframework.web.util.HtmlUtils.htmlEscape(dialect.platform()));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} in words: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            Sigma                 | Sigma
            Sigma;Elastic         | Sigma and Elastic
            Sigma;Elastic;Splunk  | Sigma, Elastic and Splunk
            """)
    void namesAreListedAsASentenceWouldListThem(String names, String words) {
        assertThat(RuleController.inWords(List.of(names.split(";")))).isEqualTo(words);
    }
}
