package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The People dialog in two real browsers: a contact request sent in one is accepted in the other and shows up in
 * the first at once, with the contact's online dot; the contact hiding their presence takes the dot away live;
 * block and unblock from the contact list and from the person card of a one-to-one chat. Runs under the {@code browser} profile like {@link BrowserChatTest}.
 */
class BrowserPeopleTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path dataDir;
    private Path annProfile;
    private Path benProfile;
    private TestServer server;
    private ChromeDriver ann;
    private ChromeDriver ben;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        dataDir = Files.createTempDirectory("tern-browser-");
        server = TestServer.start(dataDir, Map.of());
        annProfile = Files.createTempDirectory("tern-chromium-");
        benProfile = Files.createTempDirectory("tern-chromium-");
        ann = browser(annProfile);
        ben = browser(benProfile);
    }

    @AfterEach
    void stop() {
        screenshot(ann, "people-last-ann");
        screenshot(ben, "people-last-ben");
        for (ChromeDriver d : List.of(ann, ben)) {
            try {
                d.quit();
            } catch (RuntimeException e) {
                System.err.println("quitting the browser failed: " + e);
            }
        }
        server.close();
        TestServer.deleteRecursively(dataDir);
        TestServer.deleteRecursively(annProfile);
        TestServer.deleteRecursively(benProfile);
    }

    @Test
    void anAcceptedRequestShowsUpInTheOtherBrowser_andAPrivacyChangeHidesThePresenceThere() {
        register(ann, "ann");
        register(ben, "ben");
        TestUser zed = server.user("zed");
        long annId = server.http().get("/api/users/ann", zed.token()).body().get("userId").asLong();
        long benId = server.http().get("/api/users/ben", zed.token()).body().get("userId").asLong();

        waitFor(ann, By.id("people")).click();
        waitFor(ann, By.id("contact-name")).sendKeys("ben");
        ann.findElement(By.id("contact-request")).click();
        wait(ann, d -> d.findElements(By.cssSelector("#outgoing-requests li[data-user-id='" + benId + "']")).size() == 1);
        assertThat(ann.findElement(By.cssSelector("#outgoing-requests .member-name")).getText()).isEqualTo("ben");

        waitFor(ben, By.id("people")).click();
        waitFor(ben, By.cssSelector("#incoming-requests li[data-user-id='" + annId + "'] .member-name"));
        assertThat(ben.findElement(By.cssSelector("#incoming-requests .member-name")).getText()).isEqualTo("ann");
        screenshot(ben, "people-request");
        ben.findElement(By.id("accept-" + annId)).click();
        wait(ben, d -> d.findElements(By.cssSelector("#contact-list li[data-user-id='" + annId + "']")).size() == 1);

        // ann's dialog stayed open: the accept reaches it as a presence notice, and ben is online
        String benRow = "#contact-list li[data-user-id='" + benId + "']";
        wait(ann, d -> d.findElements(By.cssSelector(benRow + " .dot.on")).size() == 1);
        assertThat(ann.findElement(By.cssSelector(benRow + " .presence-text")).getText()).isEqualTo("online");
        assertThat(ann.findElements(By.cssSelector("#outgoing-requests li"))).isEmpty();
        screenshot(ann, "people-contact-online");

        new Select(ben.findElement(By.id("privacy-presence"))).selectByValue("nobody");
        ben.findElement(By.id("privacy-save")).click();
        wait(ben, ExpectedConditions.textToBe(By.id("privacy-saved"), "Saved"));
        // ann no longer sees whether ben is online, nor when he was last seen
        wait(ann, d -> d.findElements(By.cssSelector(benRow + " .dot")).isEmpty()
                && d.findElements(By.cssSelector(benRow + " .presence-text")).isEmpty());
        screenshot(ann, "people-presence-hidden");

        ann.findElement(By.id("block-" + benId)).click();
        wait(ann, d -> d.findElements(By.cssSelector("#blocked-list li[data-user-id='" + benId + "']")).size() == 1);
        ann.findElement(By.id("unblock-" + benId)).click();
        wait(ann, d -> d.findElements(By.cssSelector("#blocked-list li[data-user-id]")).isEmpty());

        // the person card of the one-to-one chat
        ann.findElement(By.id("chat-" + benId)).click();
        wait(ann, ExpectedConditions.textToBe(By.id("chat-title"), "ben"));
        waitFor(ann, By.id("person-btn")).click();
        wait(ann, ExpectedConditions.textToBe(By.id("person-state"), "In your contacts."));
        ann.findElement(By.id("person-block")).click();
        wait(ann, d -> d.findElement(By.id("person-state")).getText().startsWith("You blocked this person"));
        ann.findElement(By.id("person-unblock")).click();
        wait(ann, ExpectedConditions.textToBe(By.id("person-state"), "In your contacts."));
        assertNoScriptErrors(ann);
        assertNoScriptErrors(ben);
    }

    private void register(ChromeDriver browser, String name) {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waitFor(browser, By.id("tab-register")).click();
        browser.findElement(By.id("login-username")).sendKeys(name);
        browser.findElement(By.id("login-password")).sendKeys("correct-horse-1");
        browser.findElement(By.id("login-submit")).click();
        wait(browser, ExpectedConditions.textToBe(By.id("me-status"), "Online"));
    }

    private static ChromeDriver browser(Path profile) {
        return HeadlessChromium.start(HeadlessChromium.optionsWithConsole(profile));
    }

    private static WebElement waitFor(WebDriver browser, By by) {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static <T> T wait(WebDriver browser, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    private static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (RuntimeException | IOException e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    private static void assertNoScriptErrors(ChromeDriver browser) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).isEmpty();
    }
}
