package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatPush;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web group settings panel in a real headless Chromium: the owner turns on "only admins may post" and sets a
 * description, a member's client gets the "updated" event pushed, the owner's panel and chat show it, and a ban
 * from the panel reaches the server. Runs under the Maven profile {@code browser}, like BrowserChatTest.
 */
class BrowserGroupSettingsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestServer server;
    private Path profile;
    private ChromeDriver browser;
    private WsTestClient benDevice;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(Map.of());
        profile = Files.createTempDirectory("tern-chromium-");
        browser = HeadlessChromium.start(profile);
    }

    @AfterEach
    void stop() throws IOException {
        try {
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "group-settings-last.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
            if (benDevice != null) {
                benDevice.close();
            }
            server.close();
            TestServer.deleteRecursively(profile);
        }
    }

    @Test
    void theOwnerSetsAdminsOnlyAndBansFromThePanel_andMembersGetTheEvent() {
        TestUser ann = server.user("ann"); // password-1
        TestUser ben = server.user("ben");
        long g = server.http().post("/api/groups", "{\"name\":\"crew\",\"memberIds\":[" + ben.userId() + "]}",
                ann.token()).body().get("groupId").asLong();
        benDevice = server.connect(ben);

        browser.get("http://127.0.0.1:" + server.port() + "/");
        waitFor(By.id("login-username")).sendKeys("ann");
        browser.findElement(By.id("login-password")).sendKeys("password-1");
        browser.findElement(By.id("login-submit")).click();
        waitFor(By.cssSelector(".conv[data-title='crew']")).click();
        waitFor(By.id("group-settings-btn")).click();

        WebElement description = waitFor(By.id("group-settings-description"));
        description.clear();
        description.sendKeys("weekend plans");
        browser.findElement(By.id("group-settings-admins-only")).click();
        browser.findElement(By.id("group-settings-save")).click();

        JsonNode updated = benDevice.next(ChatPush.class, p -> p.seq() == 2).content().tree();
        assertThat(updated.get("event").asText()).isEqualTo("updated");
        assertThat(updated.get("adminsOnly").asBoolean()).isTrue();
        JsonNode group = server.http().get("/api/groups/" + g, ben.token()).body();
        assertThat(group.get("adminsOnly").asBoolean()).isTrue();
        assertThat(group.get("description").asText()).isEqualTo("weekend plans");
        until(d -> "weekend plans".equals(d.findElement(By.id("group-description")).getText()));

        waitFor(By.cssSelector("#group-settings-members li[data-user-id='" + ben.userId() + "'] .btn.danger")).click();
        until(d -> server.http().get("/api/groups/" + g + "/bans", ann.token()).body().get("bans").size() == 1);
        assertThat(benDevice.next(ChatPush.class, p -> p.seq() == 3).content().tree().get("banned").asBoolean()).isTrue();

        browser.findElement(By.cssSelector("dialog .icon-btn[aria-label='Close']")).click();
        until(d -> d.findElements(By.cssSelector(".sys-line")).stream()
                .anyMatch(e -> e.getText().equals("You changed the group's description, adminsOnly")));
    }

    @Test
    void groupEventsAreShownButNotCountedAsUnread_aMessageIs() {
        TestUser ann = server.user("ann"); // password-1
        TestUser ben = server.user("ben");
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waitFor(By.id("login-username")).sendKeys("ann");
        browser.findElement(By.id("login-password")).sendKeys("password-1");
        browser.findElement(By.id("login-submit")).click();
        until(d -> !d.findElements(By.id("me-status")).isEmpty()
                && "Online".equals(d.findElement(By.id("me-status")).getText())); // pushes come live from here

        long g = server.http().post("/api/groups", "{\"name\":\"crew\",\"memberIds\":[" + ann.userId() + "]}",
                ben.token()).body().get("groupId").asLong();                                          // seq 1
        assertThat(server.http().send("PATCH", "/api/groups/" + g, "{\"description\":\"plans\"}", ben.token())
                .status()).isEqualTo(200);                                                             // seq 2
        assertThat(server.http().post("/api/messages", "{\"clientMsgId\":\"m1\",\"groupId\":" + g
                + ",\"content\":{\"contentType\":1,\"body\":\"hello crew\"}}", ben.token()).status())
                .isEqualTo(200);                                                                       // seq 3
        // pushed in seq order: once the message counts, both events were taken and not counted
        until(d -> d.findElements(By.cssSelector(".conv[data-title='crew'].unread")).size() == 1);
        assertThat(browser.findElement(By.cssSelector(".conv[data-title='crew'] .badge")).getText()).isEqualTo("1");
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void until(org.openqa.selenium.support.ui.ExpectedCondition<Boolean> condition) {
        // the panel re-renders as events arrive: an element found a moment ago may be replaced
        new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }
}
