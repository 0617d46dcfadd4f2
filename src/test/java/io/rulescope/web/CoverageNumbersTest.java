package io.rulescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import io.rulescope.RunningApp;

/** One definition of "techniques covered", and the same number for the same catalog on every page that shows it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CoverageNumbersTest extends RunningApp {

    private static final Pattern X_OF_Y = Pattern.compile("<strong>(\\d+)</strong>\\s+of\\s+(?:the\\s+)?<span>(\\d+)</span>\\s+(?:ATT&amp;CK\\s+)?techniques");

    private String[] coverage(String path) throws Exception {
        Matcher m = X_OF_Y.matcher(send("GET", path, BROWSER_ACCEPT).body());
        assertThat(m.find()).as(path + " states its technique coverage").isTrue();
        return new String[] { m.group(1), m.group(2) };
    }

    @Test
    void theHomePageAndTheMatrixCountTheSameTechniquesOfTheSameAttack() throws Exception {
        String[] home = coverage("/");
        String[] matrix = coverage("/attack");

        assertThat(home).containsExactly(matrix);
        assertThat(Integer.parseInt(home[0])).isPositive().isLessThanOrEqualTo(Integer.parseInt(home[1]));
    }

    @Test
    void theCoveragePageComparesWithTheSameNumberOfTechniquesTheCatalogCovers() throws Exception {
        String[] matrix = coverage("/attack");
        String[] chosen = coverage("/coverage?have=Sysmon+1");

        assertThat(chosen[1]).as("the catalog's covered techniques").isEqualTo(matrix[0]);
        assertThat(chosen[0]).isEqualTo(coverage("/attack?q=" + java.net.URLEncoder.encode("event:\"Sysmon 1\"", "UTF-8"))[0]);
    }
}
