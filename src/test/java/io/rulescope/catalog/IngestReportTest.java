package io.rulescope.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.rulescope.rule.Rule;

class IngestReportTest {

    static IngestReport.SourceSummary source(String name, int files, int rules) {
        return new IngestReport.SourceSummary(name, name, "git", "/data/git/" + name, null, null, null, null, null, null, null, files, rules);
    }

    static final IngestReport REPORT = new IngestReport(IngestReport.State.READY, "done", 12, 12, Instant.EPOCH, Instant.EPOCH,
            List.of(source("open", 5, 4), source("acme", 7, 6)), Map.of("SIGMA", 10), Map.of("Sigma", 10),
            new IngestReport.Supporting(Map.of("macros", 3)), Map.of("parse", 40L), new IngestReport.Totals(12, 10, 2, 2, 2, 900),
            List.of(IngestProblem.error("acme", "rules/broken.yml", "not YAML"), IngestProblem.error("open", "rules/bad.yml", "not YAML"),
                    IngestProblem.warning("open", "rules/a.yml", "duplicate id 'x' is also used by acme:rules/x.yml; its permalink lists all of them"),
                    IngestProblem.warning("open", "rules/b.yml", "unknown technique T9999")));

    @Test
    void aReaderWhoMayNotSeeASourceGetsNeitherItsSummaryNorItsProblemsNorItsShareOfAnyCount() {
        Rule visible = new Rule("a", "a", false, "A", io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        visible.setSource("open", "rules/a.yml", null, 0);

        IngestReport seen = REPORT.visibleTo(new Audience(Set.of("acme")), List.of(visible));

        assertThat(seen.sources()).extracting(IngestReport.SourceSummary::name).containsExactly("open");
        assertThat(seen.problems()).extracting(IngestProblem::path).containsExactly("rules/bad.yml", "rules/b.yml");
        assertThat(seen.totals()).isEqualTo(new IngestReport.Totals(5, 1, 0, 1, 1, 900));
        assertThat(seen.rulesByPlatform()).isEqualTo(Map.of("Sigma", 1));
        assertThat(seen.supporting().counts()).isEmpty();
        assertThat(seen.toString()).doesNotContain("acme");
    }

    @Test
    void aReaderWhoMaySeeEverythingGetsTheReportAsItIs() {
        assertThat(REPORT.visibleTo(Audience.EVERYTHING, List.of())).isSameAs(REPORT);
    }
}
