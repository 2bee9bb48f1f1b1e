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
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web client in a real browser: two users in two separate headless Chromium instances (two isolated
 * browser contexts) register, find each other by username, chat both ways, and see the unread badge clear
 * and their message turn "read"; then a group, and a server restart with the reconnect banner, resend and
 * catch-up. Screenshots land in target/screenshots/.
 *
 * <p>Runs under the Maven profile {@code browser} (on by itself where /usr/bin/chromedriver exists). The
 * browser and driver paths can be changed with -Dtern.chromium=... and -Dtern.chromedriver=...; both are
 * always given explicitly so Selenium Manager never downloads anything.
 */
class BrowserChatTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Path dataDir;
    private TestServer server;
    private final List<Path> profiles = new ArrayList<>();
    private ChromeDriver ann;
    private ChromeDriver ben;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        dataDir = Files.createTempDirectory("tern-browser-");
        server = TestServer.start(dataDir, Map.of());
        ann = browser();
        ben = browser();
    }

    @AfterEach
    void stop(TestInfo test) {
        // The last screen of each user, whatever happened: the first thing to look at when this fails.
        String name = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test");
        screenshot(ann, name + "-last-ann");
        screenshot(ben, name + "-last-ben");
        quit(ann);
        quit(ben);
        if (server != null) {
            server.close();
        }
        TestServer.deleteRecursively(dataDir);
        profiles.forEach(TestServer::deleteRecursively);
    }

    @Test
    void twoUsersChatWithUnreadBadgeReadStateAndTyping() {
        String base = "http://127.0.0.1:" + server.port() + "/";
        register(ann, base, "ann");
        register(ben, base, "ben");

        // Ann finds Ben by username and writes; the markup must stay text.
        String hello = "Hello Ben! <b>not bold</b> & <script>alert(1)</script>";
        startChat(ann, "ben");
        send(ann, hello);
        WebElement annMessage = waitFor(ann, By.cssSelector(".row.mine[data-seq='1']"));
        until(ann, d -> "sent".equals(annMessage.getAttribute("data-state")));

        // Ben has not opened the chat: the list shows it with an unread badge.
        WebElement badge = waitFor(ben, By.cssSelector(".conv[data-title='ann'] .badge"));
        until(ben, d -> badge.isDisplayed() && "1".equals(badge.getText()));
        assertThat(ben.findElement(By.cssSelector(".conv[data-title='ann'] .conv-preview")).getText())
                .isEqualTo(hello);
        screenshot(ben, "ben-unread-badge");

        // Opening it shows the message as text and clears the badge; Ann sees "read".
        ben.findElement(By.cssSelector(".conv[data-title='ann']")).click();
        waitText(ben, By.id("chat-title"), "ann");
        WebElement received = waitFor(ben, By.cssSelector(".row.theirs[data-seq='1'] .text"));
        assertThat(received.getText()).isEqualTo(hello);
        assertThat(ben.findElements(By.cssSelector(".msg-list b, .msg-list script"))).isEmpty();
        until(ben, d -> !badge.isDisplayed());
        until(ann, d -> "read".equals(annMessage.getAttribute("data-state")));
        screenshot(ann, "ann-message-read");

        // Ben types: Ann sees the typing indicator, then the reply.
        WebElement composer = ben.findElement(By.id("composer"));
        composer.sendKeys("Hi Ann, good to");
        waitText(ann, By.id("chat-sub"), "typing…");
        composer.sendKeys(" hear from you.", Keys.ENTER);
        WebElement reply = waitFor(ann, By.cssSelector(".row.theirs[data-seq='2'] .text"));
        assertThat(reply.getText()).isEqualTo("Hi Ann, good to hear from you.");

        // Ann has the chat open, so the reply is read at once: Ben's message turns "read", no badge for Ann.
        WebElement benMessage = waitFor(ben, By.cssSelector(".row.mine[data-seq='2']"));
        until(ben, d -> "read".equals(benMessage.getAttribute("data-state")));
        assertThat(ann.findElement(By.cssSelector(".conv[data-title='ben'] .badge")).isDisplayed()).isFalse();

        send(ann, "Perfect. Talk later!");
        until(ben, d -> d.findElements(By.cssSelector(".row.theirs[data-seq='3']")).size() == 1);
        until(ann, d -> "read".equals(d.findElement(By.cssSelector(".row.mine[data-seq='3']")).getAttribute("data-state")));
        screenshot(ann, "ann-chat");
        screenshot(ben, "ben-chat");

        // Phone-sized screen: one column at a time, with a way back to the list.
        ben.manage().window().setSize(new Dimension(390, 844));
        until(ben, d -> d.findElement(By.id("back")).isDisplayed()
                && !d.findElement(By.cssSelector(".sidebar")).isDisplayed());
        screenshot(ben, "ben-phone-chat");
        ben.findElement(By.id("back")).click();
        until(ben, d -> d.findElement(By.id("conv-list")).isDisplayed()
                && !d.findElement(By.cssSelector(".chat")).isDisplayed());
        screenshot(ben, "ben-phone-list");

        assertNoScriptErrors(ann);
        assertNoScriptErrors(ben);
    }

    /**
     * Clickjacking: a page that frames the web client (here a test-only page of the same origin, the most a
     * framing site could hope for) gets the browser's refusal instead of the app.
     */
    @Test
    void framedWebClient_refusesToRender() {
        ann.get("http://127.0.0.1:" + server.port() + "/framing-probe.html");
        List<String> console = new ArrayList<>();
        until(ann, d -> {
            d.manage().logs().get(LogType.BROWSER).getAll().forEach(e -> console.add(e.getMessage()));
            return console.stream().anyMatch(m -> m.contains("frame-ancestors")) || framedTitle(d) != null;
        });
        assertThat(framedTitle(ann)).as("the app did not render inside the frame").isNull();
        assertThat(console).anyMatch(m -> m.contains("frame-ancestors 'none'"));
        screenshot(ann, "framed-refused");
    }

    /** Account security in the page: a password change logs out Ann's other device, then every device. */
    @Test
    void passwordChange_thenLogOutAllDevices() {
        String base = "http://127.0.0.1:" + server.port() + "/";
        register(ann, base, "ann");
        String phone = server.http().post("/api/login",
                "{\"username\":\"ann\",\"password\":\"correct-horse-1\",\"deviceId\":\"phone\"}", null)
                .body().get("token").asText();

        ann.findElement(By.id("security")).click();
        waitFor(ann, By.id("current-password")).sendKeys("wrong-password");
        ann.findElement(By.id("new-password")).sendKeys("battery-staple-2");
        ann.findElement(By.id("change-password")).click();
        waitText(ann, By.id("security-message"), "The current password is wrong.");
        assertThat(server.http().get("/api/me", phone).status()).isEqualTo(200);

        ann.findElement(By.id("current-password")).clear();
        ann.findElement(By.id("current-password")).sendKeys("correct-horse-1");
        ann.findElement(By.id("new-password")).clear();
        ann.findElement(By.id("new-password")).sendKeys("battery-staple-2");
        ann.findElement(By.id("change-password")).click();
        waitText(ann, By.id("security-message"), "Password changed. Your other devices were logged out.");
        assertThat(server.http().get("/api/me", phone).status()).as("the phone's token is revoked").isEqualTo(401);
        screenshot(ann, "ann-password-changed");

        ann.findElement(By.id("logout-all")).click();
        waitFor(ann, By.id("login-submit"));
        // the server's KICK may beat the API answer: either notice says why the page signed out
        assertThat(ann.findElement(By.cssSelector(".form-notice")).getText())
                .isIn("You were logged out on all devices.", "You were signed out.");
        assertNoScriptErrors(ann, "/api/password - Failed to load resource: the server responded with a status of 403");
    }

    /** The title of the framed document if the browser rendered it and lets this page read it, else null. */
    @Test
    void photoSentFromTheAttachButtonShowsAsAThumbnailThatOpensTheFullImage() throws IOException {
        String base = "http://127.0.0.1:" + server.port() + "/";
        register(ann, base, "ann");
        register(ben, base, "ben");
        startChat(ann, "ben");
        send(ann, "a photo follows");
        waitFor(ann, By.cssSelector(".row.mine[data-seq='1']"));
        Path photo = Files.createTempFile(dataDir, "beach", ".png");
        Files.write(photo, io.tern.server.support.TestImages.png(640, 480));
        Path notes = Files.createTempFile(dataDir, "notes", ".txt");
        Files.writeString(notes, "packing list");

        ann.findElement(By.id("attach-input")).sendKeys(photo.toAbsolutePath().toString());
        WebElement mine = waitFor(ann, By.cssSelector(".row.mine[data-seq='2'] img.media-thumb"));
        until(ann, d -> mine.getAttribute("src") != null && mine.getAttribute("src").contains("/thumbnail?exp="));
        ann.findElement(By.id("attach-input")).sendKeys(notes.toAbsolutePath().toString());
        waitFor(ann, By.cssSelector(".row.mine[data-seq='3'] .file-card"));

        ben.findElement(By.cssSelector(".conv[data-title='ann']")).click();
        WebElement thumb = waitFor(ben, By.cssSelector(".row.theirs[data-seq='2'] img.media-thumb"));
        // the thumbnail really loaded (a signed link works in <img> without a token), and it is small
        until(ben, d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", thumb)));
        Object natural = ((org.openqa.selenium.JavascriptExecutor) ben).executeScript("return arguments[0].naturalWidth", thumb);
        assertThat(((Number) natural).intValue()).isLessThanOrEqualTo(320);
        String full = ben.findElement(By.cssSelector(".row.theirs[data-seq='2'] a.media-open")).getAttribute("href");
        assertThat(full).contains("/api/media/").contains("sig=").doesNotContain("thumbnail");
        WebElement card = waitFor(ben, By.cssSelector(".row.theirs[data-seq='3'] .file-card"));
        assertThat(card.getText()).contains(notes.getFileName().toString());
        until(ben, d -> card.getAttribute("href") != null && card.getAttribute("href").contains("sig="));
        screenshot(ben, "ben-media");

        // the full image behind the thumbnail, opened as the link does
        ben.get(full);
        Object width = ((org.openqa.selenium.JavascriptExecutor) ben).executeScript(
                "const i = document.querySelector('img'); return i && i.complete ? i.naturalWidth : 0");
        until(ben, d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('img'); return i && i.complete ? i.naturalWidth : 0")).intValue() == 640);
        assertThat(width).isNotNull();
    }

    private static String framedTitle(WebDriver d) {
        Object title = ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const f = document.getElementById('victim');"
                        + "const doc = f && f.contentDocument;"
                        + "return doc && doc.readyState === 'complete' && doc.title ? doc.title : null;");
        return title == null ? null : title.toString();
    }

    @Test
    void groupChatAndCatchUpAfterAServerRestart() {
        String base = "http://127.0.0.1:" + server.port() + "/";
        register(ann, base, "ann");
        register(ben, base, "ben");
        server.user("cat"); // a third member who only exists

        // Ann creates a group with Ben, then adds Cat from the members dialog.
        waitFor(ann, By.id("new-group")).click();
        waitFor(ann, By.id("group-name")).sendKeys("Trip");
        ann.findElement(By.id("group-members")).sendKeys("ben");
        ann.findElement(By.id("group-create")).click();
        waitText(ann, By.id("chat-title"), "Trip");
        waitFor(ann, By.id("members-btn")).click();
        until(ann, d -> d.findElements(By.cssSelector("#member-list .member")).size() == 2);
        ann.findElement(By.id("add-members")).sendKeys("cat");
        ann.findElement(By.id("add-members-submit")).click();
        until(ann, d -> d.findElements(By.cssSelector("#member-list .member")).size() == 3);
        ann.findElement(By.cssSelector("dialog .modal-head button")).click();
        until(ann, d -> hasText(d, ".sys-line", "You added cat"));
        waitText(ann, By.id("chat-sub"), "3 members");

        // Ben finds the group in his list, sees how it began, and writes; Ann sees who wrote.
        waitFor(ben, By.cssSelector(".conv[data-title='Trip']")).click();
        until(ben, d -> hasText(d, ".sys-line", "ann created the group “Trip”"));
        send(ben, "I'm in!");
        until(ann, d -> hasText(d, ".row.theirs .sender", "ben") && hasText(d, ".row.theirs .text", "I'm in!"));

        // The server goes away: both see the banner; Ann's message waits in "sending".
        int port = server.port();
        server.server().close();
        until(ann, d -> d.findElement(By.id("banner")).isDisplayed());
        until(ben, d -> d.findElement(By.id("banner")).isDisplayed());
        send(ann, "Sent while the server was down");
        WebElement pending = waitFor(ann, By.cssSelector(".row.mine[data-state='sending']"));
        screenshot(ann, "ann-reconnecting");

        // Back on the same port and data: the clients reconnect, Ann's message is resent once, Ben catches up.
        server = TestServer.start(dataDir, Map.of("server.port", String.valueOf(port)));
        until(ann, d -> !d.findElement(By.id("banner")).isDisplayed());
        until(ann, d -> "sent".equals(pending.getAttribute("data-state")));
        until(ben, d -> hasText(d, ".row.theirs .text", "Sent while the server was down"));
        assertThat(ben.findElements(By.xpath("//div[contains(@class,'text') and .='Sent while the server was down']")))
                .hasSize(1);
        until(ben, d -> !d.findElement(By.id("banner")).isDisplayed());
        screenshot(ben, "ben-group");
        assertNoScriptErrors(ann, "WebSocket connection", "ERR_CONNECTION_REFUSED");
        assertNoScriptErrors(ben, "WebSocket connection", "ERR_CONNECTION_REFUSED");
    }

    // ---- steps ----------------------------------------------------------------------------------------

    private static void register(WebDriver d, String base, String username) {
        d.get(base);
        waitFor(d, By.id("tab-register")).click();
        d.findElement(By.id("login-username")).sendKeys(username);
        d.findElement(By.id("login-password")).sendKeys("correct-horse-1");
        d.findElement(By.id("login-submit")).click();
        waitText(d, By.id("me-name"), username);
        waitText(d, By.id("me-status"), "Online");
    }

    private static void startChat(WebDriver d, String username) {
        waitFor(d, By.id("new-chat-input")).sendKeys(username, Keys.ENTER);
        waitText(d, By.id("chat-title"), username);
    }

    private static void send(WebDriver d, String text) {
        WebElement composer = waitFor(d, By.id("composer"));
        composer.sendKeys(text, Keys.ENTER);
    }

    // ---- plumbing -------------------------------------------------------------------------------------

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

    private static void screenshot(ChromeDriver d, String name) {
        if (d == null) {
            return;
        }
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
        } catch (RuntimeException | IOException e) {
            System.err.println("screenshot " + name + " failed: " + e);
        }
    }

    private static boolean hasText(WebDriver d, String css, String text) {
        return d.findElements(By.cssSelector(css)).stream().anyMatch(e -> text.equals(e.getText()));
    }

    /**
     * Script errors (uncaught exceptions, failed module loads) show up as SEVERE console entries. Entries
     * containing one of {@code expected} (e.g. refused reconnects while the server is down) are allowed.
     */
    private static void assertNoScriptErrors(WebDriver d, String... expected) {
        List<String> errors = d.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> java.util.Arrays.stream(expected).noneMatch(m::contains))
                .toList();
        assertThat(errors).isEmpty();
    }

    private static void quit(WebDriver d) {
        if (d != null) {
            try {
                d.quit();
            } catch (RuntimeException e) {
                System.err.println("quitting the browser failed: " + e);
            }
        }
    }
}
