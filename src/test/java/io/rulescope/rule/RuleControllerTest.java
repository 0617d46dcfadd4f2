package io.rulescope.rule;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.rulescope.ingest.IngestReport;
import io.rulescope.ingest.IngestService;
import io.rulescope.search.RuleIndex;

@WebMvcTest(RuleController.class)
class RuleControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RuleViews views;

    @MockitoBean
    RuleIndex index;

    @MockitoBean
    IngestService ingest;

    private static IngestReport report(IngestReport.State state) {
        return new IngestReport(state, "read and parse", 100, 40, Instant.now(), null, List.of(), java.util.Map.of(),
                java.util.Map.of(), new IngestReport.Supporting(0, 0, 0), java.util.Map.of(),
                new IngestReport.Totals(0, 0, 0, 0, 0, 0), List.of());
    }

    @BeforeEach
    void noRules() {
        given(views.withId("missing")).willReturn(List.of());
    }

    @Test
    void whileLoadingAMissingRuleAnswers503AndSaysTheCatalogIsLoading() throws Exception {
        given(ingest.report()).willReturn(report(IngestReport.State.LOADING));

        mvc.perform(get("/rules/missing")).andExpect(status().isServiceUnavailable())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("still loading")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("40</span> of <span>100</span> files")));
    }

    @Test
    void onceLoadedAMissingRuleAnswers404() throws Exception {
        given(ingest.report()).willReturn(report(IngestReport.State.READY));

        mvc.perform(get("/rules/missing")).andExpect(status().isNotFound())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("The catalog has no rule")));
    }

    @Test
    void anOverlongIdIsNotLookedUp() throws Exception {
        given(ingest.report()).willReturn(report(IngestReport.State.READY));

        mvc.perform(get("/rules/" + "x".repeat(2000))).andExpect(status().isNotFound());
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        given(ingest.report()).willReturn(report(IngestReport.State.READY));

        mvc.perform(get("/rules/missing"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")));
    }
}
