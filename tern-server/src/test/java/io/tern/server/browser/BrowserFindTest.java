package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.Http;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web client's search in a real browser: a user finds another user by the start of their name and opens
 * a chat with them, finds a message (Chinese and English) with the match marked, opens its conversation from
 * the result, and is told when a query is too short. Runs under the
 * {@code browser} profile like {@link BrowserChatTest}.
 */
class BrowserFindTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path dataDir;
    private Path profile;
    private TestServer server;
    private ChromeDriver ann;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        dataDir = Files.createTempDirectory("tern-browser-");
        server = TestServer.start(dataDir, Map.of());
        profile = Files.createTempDirectory("tern-chromium-");
        ann = browser(profile);
    }

    @AfterEach
    void stop() {
        screenshot("find-last-ann");
        try {
            ann.quit();
        } catch (RuntimeException e) {
            System.err.println("quitting the browser failed: " + e);
        }
        server.close();
        TestServer.deleteRecursively(dataDir);
        TestServer.deleteRecursively(profile);
    }

    @Test
    void findsAMessageByChineseAndEnglishWords_andOpensItsConversation() {
        String base = "http://127.0.0.1:" + server.port() + "/";
        ann.get(base);
        waitFor(By.id("tab-register")).click();
        ann.findElement(By.id("login-username")).sendKeys("ann");
        ann.findElement(By.id("login-password")).sendKeys("correct-horse-1");
        ann.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.textToBe(By.id("me-status"), "Online"));
        long annId = server.http().get("/api/users/ann", server.user("ben").token()).body().get("userId").asLong();
        TestUser ben = server.http().login("ben", "d");
        server.user("bert");
        server.user("carl");

        waitFor(By.id("search-messages")).click();
        waitFor(By.id("search-input")).sendKeys("BE", Keys.ENTER);
        wait(d -> d.findElements(By.cssSelector(".person-hit")).size() == 2);
        assertThat(ann.findElements(By.cssSelector(".person-hit .conv-name"))).extracting(WebElement::getText)
                .containsExactly("ben", "bert");
        screenshot("find-user");
        ann.findElement(By.cssSelector(".person-hit[data-username='ben']")).click();
        wait(ExpectedConditions.textToBe(By.id("chat-title"), "ben"));

        send(ben, annId, "b1", "明天去公园散步吗？");
        send(ben, annId, "b2", "Meet at the park gate");

        waitFor(By.id("search-messages")).click();
        WebElement input = waitFor(By.id("search-input"));
        input.sendKeys("公园", Keys.ENTER);
        WebElement hit = waitFor(By.cssSelector(".search-hit mark"));
        assertThat(hit.getText()).isEqualTo("公园");
        assertThat(ann.findElements(By.cssSelector(".search-hit"))).hasSize(1);
        assertThat(ann.findElement(By.cssSelector(".search-hit .search-text")).getText())
                .isEqualTo("ben: 明天去公园散步吗？");

        input.clear();
        input.sendKeys("PARK", Keys.ENTER);
        wait(d -> "park".equals(d.findElement(By.cssSelector(".search-hit mark")).getText()));
        screenshot("find-message");
        ann.findElement(By.cssSelector(".search-hit")).click();
        wait(ExpectedConditions.textToBe(By.id("chat-title"), "ben"));
        assertThat(ann.findElements(By.id("search-input"))).isEmpty();

        waitFor(By.id("search-messages")).click();
        waitFor(By.id("search-input")).sendKeys("x", Keys.ENTER);
        wait(ExpectedConditions.textToBe(By.id("search-error"), "Type at least 2 characters."));
        assertNoScriptErrors();
    }

    private void send(TestUser from, long toId, String clientMsgId, String body) {
        Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"" + clientMsgId + "\",\"toId\":"
                + toId + ",\"content\":{\"contentType\":1,\"body\":\"" + body + "\"}}", from.token());
        assertThat(r.status()).isEqualTo(200);
    }

    private static ChromeDriver browser(Path profile) {
        return HeadlessChromium.start(HeadlessChromium.optionsWithConsole(profile));
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(ann, WAIT, Duration.ofMillis(100)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(ann, WAIT, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    private void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), ann.getScreenshotAs(OutputType.BYTES));
        } catch (RuntimeException | IOException e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    private void assertNoScriptErrors() {
        List<String> errors = ann.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("/api/search")) // the refused short query is logged by the browser
                .toList();
        assertThat(errors).isEmpty();
    }
}
