package io.rulescope.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/** Debian's headless Chromium driven by Selenium, and the checks every browser test makes of a page. */
final class Chromium {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private Chromium() {
    }

    static boolean present() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    static ChromeDriver start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // The machine's network is closed: keep Chromium from reaching out, and run it as root without a sandbox.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        return driver;
    }

    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Fails on any console error, including Content-Security-Policy violations, since the last call. */
    static void noConsoleErrors(ChromeDriver driver, String page) {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() || entry.getMessage().contains("Content Security Policy")) {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("console errors on " + page).isEmpty();
    }

    /** No serious or critical accessibility violation on the current page. */
    static void accessible(ChromeDriver driver, String page) {
        Results results = new AxeBuilder().analyze(driver);
        List<String> serious = new ArrayList<>();
        for (Rule violation : results.getViolations()) {
            if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                serious.add(violation.getImpact() + " " + violation.getId() + ": " + violation.getHelp() + " " + violation.getNodes().stream()
                        .limit(3).map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        assertThat(serious).as("axe-core violations on " + page).isEmpty();
    }

    /** The page is no wider than the window; the message names the widest elements when it is. */
    static void fitsTheWindow(ChromeDriver driver, String page) {
        JavascriptExecutor js = driver;
        List<?> w = (List<?>) js.executeScript("return [document.documentElement.scrollWidth, window.innerWidth]");
        Object wide = js.executeScript("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > "
                + "window.innerWidth + 1).slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
        assertThat(((Number) w.get(0)).intValue()).as("page width of %s at %s px; widest: %s", page, w.get(1), wide)
                .isLessThanOrEqualTo(((Number) w.get(1)).intValue());
    }
}
