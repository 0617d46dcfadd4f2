package io.rulescope.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.rulescope.SharedData;

/**
 * Pages as the four shared corpora fill them, which the embedded rules cannot: every heat level of the matrix (a
 * cell needs 25 rules for the darkest), rule tables of hundreds of rows, an ingest report of thousands of problems.
 * Each must fit a phone's width without breaking words letter by letter, fit a laptop's, and pass contrast in both
 * themes.
 */
@Tag("browser")
@EnabledIf(value = "present", disabledReason = "needs Debian's chromium and chromium-driver (.ci/run installs them) and ../shared")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class FourCorporaBrowserTest extends BrowserTest {

    static boolean present() {
        return Chromium.present() && SharedData.corpusPresent() && SharedData.sentinelPresent() && SharedData.elasticPresent();
    }

    @DynamicPropertySource
    static void fourCorpora(DynamicPropertyRegistry registry) {
        registry.add("rulescope.sources", () -> String.join(",", "escu=" + SharedData.escu(), "sigma=" + SharedData.sigma(),
                "sentinel=" + SharedData.sentinel(), "elastic=" + SharedData.elastic()));
    }

    @BeforeEach
    void catalogSettled() throws InterruptedException {
        assertThat(ingest.awaitDone(Duration.ofMinutes(3))).isTrue();
    }

    private Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    @Test
    void everyHeatLevelOfTheMatrixAndItsOpenedSubTechniquesPassContrastInBothThemes() throws IOException {
        for (String theme : List.of("light", "dark")) {
            driver.get(url("/attack"));
            script("localStorage.setItem('rulescope-theme', '" + theme + "'); document.documentElement.dataset.theme = '" + theme + "'");
            driver.navigate().refresh();
            assertThat(script("return [...new Set([...document.querySelectorAll('.matrix-cell')].map(c => c.className.match(/shade-\\d/)[0]))].length"))
                    .as("the four corpora fill every heat level").isEqualTo(6L);
            script("document.querySelectorAll('.matrix details[data-t]').forEach(d => d.open = true)");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(script(
                    "return [...document.querySelectorAll('.matrix details[data-t]')].every(x => x.querySelector('ul.subs li'))")));
            Chromium.accessible(driver, "the expanded matrix, " + theme);
            Chromium.noConsoleErrors(driver, "the expanded matrix, " + theme);
        }
        Chromium.screenshot(driver, "matrix-dark-four-corpora");
        script("localStorage.removeItem('rulescope-theme')");
    }

    @Test
    void onAPhoneRuleTablesAreCardsAndSearchResultsStartInTheFirstScreen() throws IOException {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            for (String page : List.of("/rules", "/techniques/T1059", "/search?q=T1059", "/changes", "/ingest", "/coverage", "/attack?q=lsass")) {
                driver.get(url(page));
                Chromium.fitsTheWindow(driver, page);
                Chromium.noConsoleErrors(driver, "phone " + page);
            }
            driver.get(url("/techniques/T1059"));
            // A word broken letter by letter is wider, set on one line, than the cell that holds it.
            Object broken = script("const probe = document.createElement('span');"
                    + "probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap'; document.body.append(probe);"
                    + "const words = td => { const out = []; const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);"
                    + "  while (walk.nextNode()) { out.push(...walk.currentNode.textContent.trim().split(/\\s+/)); } return out; };"
                    + "return [...document.querySelectorAll('table.rule-list td')].flatMap(td => words(td)"
                    + "  .filter(w => w && w.length <= 20).filter(w => { probe.style.font = getComputedStyle(td).font; probe.textContent = w;"
                    + "    return probe.getBoundingClientRect().width > td.clientWidth + 1; })).slice(0, 5)");
            assertThat((List<?>) broken).as("words wider than the rule-table cell that holds them").isEmpty();
            Chromium.screenshot(driver, "technique-phone");

            driver.get(url("/search?q=T1059"));
            Object firstResult = script("return document.querySelector('.hits li, .hits .hit, ol.results li').getBoundingClientRect().top");
            assertThat(((Number) firstResult).doubleValue()).as("where the first result starts on a 390 x 844 phone").isLessThan(700);
            assertThat(driver.findElement(By.cssSelector(".header-search")).isDisplayed()).as("one search box on the search page").isFalse();
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Test
    void theCoverageChooserFiltersByNameOrIdAndARulePageListsTheSameDetectionElsewhere() throws IOException {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(1280, 1000));
            driver.get(url("/coverage?have=Sysmon+1&have=Security+4688"));
            Chromium.accessible(driver, "/coverage");
            assertThat(driver.findElement(By.id("result")).getText()).contains("Process creation (as Sysmon 1, Security 4688)");
            script("document.querySelector('.coverage-form').scrollIntoView()");
            Chromium.screenshot(driver, "coverage");
            driver.findElement(By.id("event-filter")).sendKeys("registry");
            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) script("return [...document.querySelectorAll('#event-choices li')].filter(li => !li.hidden)"
                    + ".map(li => li.querySelector('strong').textContent)");
            assertThat(shown).as("the filter keeps the rows it matches and the ticked one").contains("Registry value set", "Process creation")
                    .doesNotContain("DNS query");
            driver.findElement(By.id("event-filter")).clear();
            driver.findElement(By.id("event-filter")).sendKeys("4104");
            assertThat(script("return [...document.querySelectorAll('#event-choices li')].filter(li => !li.hidden)"
                    + ".map(li => li.querySelector('strong').textContent)")).as("an id finds its behaviour").asList().contains("PowerShell script block");
            Chromium.noConsoleErrors(driver, "/coverage");

            driver.get(url("/rules/646ea171-dded-4578-8a4d-65e9822892e3"));
            String panel = driver.findElement(By.id("elsewhere")).getText();
            assertThat(panel).contains("Splunk", "Dump LSASS via comsvcs DLL", "both: process creation");
            script("document.getElementById('elsewhere').scrollIntoView()");
            Chromium.accessible(driver, "a rule page's same detection elsewhere");
            Chromium.screenshot(driver, "elsewhere");

            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(url("/coverage?have=Sysmon+1&have=Security+4688"));
            Chromium.fitsTheWindow(driver, "/coverage on a phone");
            script("document.getElementById('event-filter').parentElement.scrollIntoView()");
            Chromium.screenshot(driver, "coverage-phone");
            driver.get(url("/rules/646ea171-dded-4578-8a4d-65e9822892e3"));
            Chromium.fitsTheWindow(driver, "a rule page on a phone");
            script("document.getElementById('elsewhere').scrollIntoView()");
            Chromium.screenshot(driver, "elsewhere-phone");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Test
    void aSigmaRulePageConvertsForTheChosenSiemAndRemembersTheChoice() throws IOException {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(url("/rules/646ea171-dded-4578-8a4d-65e9822892e3"));
            assertThat(driver.findElement(By.id("convert")).getText()).contains("Copy query", "CommandLine");
            new Select(driver.findElement(By.id("convert-target"))).selectByValue("kusto-xdr");
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> convertedQuery().startsWith("DeviceProcessEvents"));
            script("document.querySelector('#convert details.mappings').open = true");
            assertThat(driver.findElement(By.id("convert")).getText()).contains("ProcessCommandLine", "fields renamed", "Microsoft Defender XDR");
            script("document.getElementById('convert').scrollIntoView()");
            Chromium.accessible(driver, "a Sigma rule converted for Defender XDR");
            Chromium.screenshot(driver, "convert");

            // Another Sigma rule opens with the target chosen before.
            driver.get(url("/rules/97a80ec7-0e2f-4d05-9ef4-65760e634f6b"));
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> convertedQuery().startsWith("DeviceProcessEvents"));
            assertThat(new Select(driver.findElement(By.id("convert-target"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("kusto-xdr");

            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(url("/rules/646ea171-dded-4578-8a4d-65e9822892e3"));
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> convertedQuery().startsWith("DeviceProcessEvents"));
            Chromium.fitsTheWindow(driver, "a Sigma rule's conversion on a phone");
            script("document.getElementById('convert').scrollIntoView()");
            Chromium.screenshot(driver, "convert-phone");
            Chromium.noConsoleErrors(driver, "a Sigma rule page");
        } finally {
            script("localStorage.removeItem('rulescope-target')");
            driver.manage().window().setSize(before);
        }
    }

    /** The query the rule page shows now; read in one step, since the page replaces it when another target is chosen. */
    private String convertedQuery() {
        Object text = script("const pre = document.querySelector('#convert pre.converted'); return pre ? pre.textContent : ''");
        return text == null ? "" : text.toString();
    }

    @Test
    void theConvertPageConvertsAPastedRule() throws IOException {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(url("/convert"));
            script("localStorage.setItem('rulescope-target', 'kusto-asim')");
            driver.navigate().refresh();
            assertThat(new Select(driver.findElement(By.id("convert-target"))).getFirstSelectedOption().getAttribute("value"))
                    .as("the target last chosen on a rule page").isEqualTo("kusto-asim");
            new Select(driver.findElement(By.id("convert-target"))).selectByValue("esql-ecs");
            driver.findElement(By.cssSelector(".convert-form button[type=submit]")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("pre.converted")).isEmpty());
            assertThat(driver.findElement(By.cssSelector("pre.converted")).getText()).startsWith("from ").contains("to_lower(process.executable)");
            Chromium.accessible(driver, "the convert page with a result");
            script("document.querySelector('.converted-rule').scrollIntoView()");
            Chromium.screenshot(driver, "convert-page");
        } finally {
            script("localStorage.removeItem('rulescope-target')");
            driver.manage().window().setSize(before);
        }
    }

    @Test
    void aSearchExportsToASiemWithTheRulesThatDidNotConvertListed() throws IOException {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(url("/search/export?q=lsass&target=splunk-cim"));
            String page = driver.findElement(By.tagName("main")).getText();
            assertThat(page).contains("Sigma rules convert", "Download Splunk savedsearches.conf", "Not converted", "no mapping in Splunk CIM");
            Chromium.accessible(driver, "a search exported for Splunk's CIM");
            Chromium.screenshot(driver, "export");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Test
    void theIngestReportFitsALaptopScreenWithThousandsOfProblems() {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.get(url("/ingest"));
            Chromium.fitsTheWindow(driver, "/ingest at 1366 px");
            assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{4,}");
        } finally {
            driver.manage().window().setSize(before);
        }
    }
}
