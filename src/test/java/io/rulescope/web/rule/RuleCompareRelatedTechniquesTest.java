package io.rulescope.web.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.rulescope.GitFixtures;
import io.rulescope.RunningApp;

/** Two rules at different depths of one technique: the comparison reads them as related, not as each one's alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RuleCompareRelatedTechniquesTest extends RunningApp {

    static final String PARENT = "aaaaaaaa-3333-0000-0000-000000000001";
    static final String SUB = "bbbbbbbb-3333-0000-0000-000000000002";
    static final Path RULES = rules();

    private static Path rules() {
        try {
            Path dir = Files.createTempDirectory("rulescope-compare");
            GitFixtures.write(dir, "parent.yml", GitFixtures.sigmaRule(PARENT, "Credential Dumping Tool", "test", "T1003", "\\dumper.exe"));
            GitFixtures.write(dir, "sub.yml", GitFixtures.sigmaRule(SUB, "LSASS Dumping Tool", "test", "T1003.001", "\\dumper.exe"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void twoRules(DynamicPropertyRegistry registry) {
        registry.add("rulescope.sources", () -> "team=" + RULES);
    }

    @Test
    void aTechniqueAndItsSubTechniqueCountAsInBothOnThePageAndInTheApi() throws Exception {
        String body = send("GET", "/compare/rules?a=" + PARENT + "&b=" + SUB, BROWSER_ACCEPT).body();
        String attack = body.substring(body.indexOf("id=\"compare-attack\""), body.indexOf("id=\"compare-indicators\""));

        assertThat(attack).contains("<span>In both</span> <span class=\"muted\">(1)</span>", "B names a sub-technique of A&#39;s",
                "href=\"/techniques/T1003\"", "href=\"/techniques/T1003.001\"",
                "<span>Only in A</span> <span class=\"muted\">(0)</span>", "<span>Only in B</span> <span class=\"muted\">(0)</span>");
        var answer = json("/api/compare/rules?a=" + PARENT + "&b=" + SUB);
        assertThat(answer.path("techniques").path("onlyLeft").size()).isZero();
        assertThat(answer.path("relatedTechniques").path(0).path("left").path("id").asString()).isEqualTo("T1003");
        assertThat(answer.path("relatedTechniques").path(0).path("right").path("id").asString()).isEqualTo("T1003.001");
        assertThat(answer.path("relatedTechniques").path(0).path("relation").asString()).isEqualTo("B names a sub-technique of A's");
    }
}
