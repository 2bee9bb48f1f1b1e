package io.tern.server.browser;

import java.io.File;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium as the browser tests start it: their own profile directory, a desktop-sized window,
 * no background traffic, and both paths given explicitly so that Selenium Manager never downloads anything
 * ({@code -Dtern.chromium=...}, {@code -Dtern.chromedriver=...} change them).
 */
final class HeadlessChromium {
    static final String CHROMIUM = System.getProperty("tern.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("tern.chromedriver", "/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=en-GB");
        return options;
    }

    /** As {@link #options}, with the page's console kept for the test to read ({@code browser} log type). */
    static ChromeOptions optionsWithConsole(Path profile) {
        ChromeOptions options = options(profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    static ChromeDriver start(ChromeOptions options) {
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build(), options);
    }

    static ChromeDriver start(Path profile) {
        return start(options(profile));
    }
}
