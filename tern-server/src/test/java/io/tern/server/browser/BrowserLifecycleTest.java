package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hover actions of the web client (js/lifecycle.js) in two real headless Chromium instances: Ben reacts to
 * Ann's message, Ann edits it and then recalls it, and each side sees the other's change live, with no extra
 * row and no unread count for the change events. Runs under the Maven profile {@code browser} like
 * {@link BrowserChatTest}; screenshots land in target/screenshots/.
 */
class BrowserLifecycleTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestServer server;
    private final List<Path> profiles = new ArrayList<>();
    private ChromeDriver ann;
    private ChromeDriver ben;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        server = TestServer.start(Map.of());
        ann = browser();
        ben = browser();
    }

    @AfterEach
    void stop() {
        screenshot(ann, "lifecycle-last-ann");
        screenshot(ben, "lifecycle-last-ben");
        for (WebDriver d : new WebDriver[] {ann, ben}) {
            try {
                d.quit();
            } catch (RuntimeException e) {
                System.err.println("quitting the browser failed: " + e);
            }
        }
        server.close();
        profiles.forEach(TestServer::deleteRecursively);
    }

    @Test
    void reactEditAndRecall_fromTheHoverActions_showLiveOnBothSides() {
        String base = "http://127.0.0.1:" + server.port() + "/";
        register(ann, base, "ann");
        register(ben, base, "ben");
        waitFor(ann, By.id("new-chat-input")).sendKeys("ben", Keys.ENTER);
        waitText(ann, By.id("chat-title"), "ben");
        waitFor(ann, By.id("composer")).sendKeys("helo ben", Keys.ENTER);
        waitFor(ann, By.cssSelector(".row.mine[data-seq='1']"));

        waitFor(ben, By.cssSelector(".conv[data-title='ann']")).click();
        waitText(ben, By.id("chat-title"), "ann");
        WebElement theirs = waitFor(ben, By.cssSelector(".row.theirs[data-seq='1']"));
        hoverAndClick(ben, theirs, ".act.react");
        waitFor(ben, By.cssSelector(".row.theirs[data-seq='1'] .emoji-picker .emoji")).click();
        until(ann, d -> hasText(d, ".row.mine[data-seq='1'] .reaction", "👍 1"));
        until(ben, d -> hasText(d, ".row.theirs[data-seq='1'] .reaction.mine", "👍 1"));
        screenshot(ann, "lifecycle-reacted");

        WebElement mine = ann.findElement(By.cssSelector(".row.mine[data-seq='1']"));
        hoverAndClick(ann, mine, ".act.edit");
        WebElement input = waitFor(ann, By.cssSelector(".row.mine[data-seq='1'] .edit-input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "hello ben", Keys.ENTER);
        until(ben, d -> hasText(d, ".row.theirs[data-seq='1'] .text", "hello ben")
                && hasText(d, ".row.theirs[data-seq='1'] .edited", "edited"));
        until(ann, d -> hasText(d, ".row.mine[data-seq='1'] .text", "hello ben"));
        screenshot(ben, "lifecycle-edited");

        hoverAndClick(ann, ann.findElement(By.cssSelector(".row.mine[data-seq='1']")), ".act.recall");
        until(ben, d -> hasText(d, ".row.theirs[data-seq='1'] .text", "Message recalled"));
        until(ann, d -> hasText(d, ".row.mine[data-seq='1'] .text", "Message recalled"));
        assertThat(ben.findElements(By.cssSelector(".row.theirs[data-seq='1'] .reaction"))).isEmpty();
        screenshot(ben, "lifecycle-recalled");

        // three change events (seqs 2 to 4) made no rows of their own and nothing unread
        assertThat(ben.findElements(By.cssSelector(".msg-list .row"))).hasSize(1);
        ben.findElement(By.id("new-chat-input")).sendKeys("ben", Keys.ENTER); // a conversation with oneself
        waitText(ben, By.id("chat-title"), "ben (you)");
        until(ben, d -> d.findElements(By.cssSelector(".conv[data-title='ann'] .badge")).stream()
                .noneMatch(WebElement::isDisplayed));
        assertNoScriptErrors(ann);
        assertNoScriptErrors(ben);
    }

    private static void hoverAndClick(WebDriver d, WebElement row, String action) {
        new Actions(d).moveToElement(row.findElement(By.cssSelector(".bubble"))).perform();
        WebElement button = row.findElement(By.cssSelector(action));
        until(d, x -> button.isDisplayed());
        new Actions(d).moveToElement(button).click().perform();
    }

    private static void register(WebDriver d, String base, String username) {
        d.get(base);
        waitFor(d, By.id("tab-register")).click();
        d.findElement(By.id("login-username")).sendKeys(username);
        d.findElement(By.id("login-password")).sendKeys("correct-horse-1");
        d.findElement(By.id("login-submit")).click();
        waitText(d, By.id("me-name"), username);
        waitText(d, By.id("me-status"), "Online");
    }

    private ChromeDriver browser() throws IOException {
        Path profile = Files.createTempDirectory("tern-chromium-");
        profiles.add(profile);
        return HeadlessChromium.start(HeadlessChromium.optionsWithConsole(profile));
    }

    private static WebElement waitFor(WebDriver d, By by) {
        return new WebDriverWait(d, WAIT, Duration.ofMillis(100)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitText(WebDriver d, By by, String text) {
        new WebDriverWait(d, WAIT, Duration.ofMillis(100)).until(ExpectedConditions.textToBe(by, text));
    }

    private static void until(WebDriver d, ExpectedCondition<Boolean> condition) {
        new WebDriverWait(d, WAIT, Duration.ofMillis(100)).until(condition);
    }

    private static boolean hasText(WebDriver d, String css, String text) {
        return d.findElements(By.cssSelector(css)).stream().anyMatch(e -> text.equals(e.getText()));
    }

    private static void screenshot(ChromeDriver d, String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
        } catch (RuntimeException | IOException e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    private static void assertNoScriptErrors(WebDriver d) {
        List<String> errors = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertThat(errors).isEmpty();
    }
}
