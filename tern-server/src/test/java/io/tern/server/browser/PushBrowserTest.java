package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Web Push in the web client (headless Chromium): no service worker until the user clicks the bell, then
 * push-sw.js is registered; the link a clicked notification opens ({@code /#c=<conversation>}) opens that
 * conversation. Subscribing itself needs the browser's push service, which is not reachable here.
 */
class PushBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestServer server;
    private Path profile;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(Map.of());
        profile = Files.createTempDirectory("tern-chromium-push-");
        ChromeOptions options = HeadlessChromium.options(profile);
        // the permission prompt cannot be clicked headless: the site is allowed up front, the click still asks
        options.setExperimentalOption("prefs", Map.of("profile.default_content_setting_values.notifications", 1));
        browser = HeadlessChromium.start(options);
    }

    @AfterEach
    void stop() throws IOException {
        try {
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "push-last.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
            server.close();
            TestServer.deleteRecursively(profile);
        }
    }

    private Object registration() {
        return browser.executeAsyncScript("const done = arguments[0];"
                + "navigator.serviceWorker.getRegistration().then(r => done(r && r.active ? r.active.scriptURL : null),"
                + " e => done('error: ' + e));");
    }

    @Test
    void serviceWorkerIsRegisteredOnlyAfterTheUserClicks_andANotificationLinkOpensItsConversation() {
        String base = "http://127.0.0.1:" + server.port() + "/";
        TestUser alice = server.user("alice");
        browser.get(base);
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("tab-register"))).click();
        browser.findElement(By.id("login-username")).sendKeys("bob");
        browser.findElement(By.id("login-password")).sendKeys("password-1");
        browser.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.textToBe(By.id("me-status"), "Online"));
        assertThat(registration()).isNull();

        browser.findElement(By.id("notifications")).click();
        new WebDriverWait(browser, WAIT, Duration.ofMillis(200)).until(d -> registration() != null);
        assertThat(String.valueOf(registration())).endsWith("/push-sw.js");

        long bob = server.http().login("bob", null).userId();
        String conversation = "p:" + Math.min(alice.userId(), bob) + ":" + Math.max(alice.userId(), bob);
        try (io.tern.server.support.WsTestClient a = server.connect(alice)) {
            a.send(io.tern.server.support.Frames.chat("hello", bob, "hello bob"));
            a.next(io.tern.protocol.ChatResp.class);
        }
        wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".conv[data-title='alice']")));
        browser.get(base + "#c=" + conversation);
        wait(ExpectedConditions.textToBe(By.id("chat-title"), "alice"));
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100)).until(condition);
    }
}
