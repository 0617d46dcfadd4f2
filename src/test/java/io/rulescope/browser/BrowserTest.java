package io.rulescope.browser;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.rulescope.ingest.IngestService;

/** A headless Chromium for each test class, pointed at the application the class starts. */
abstract class BrowserTest {

    static ChromeDriver driver;

    @LocalServerPort
    int port;

    @Autowired
    IngestService ingest;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
