package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.Scrape;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web client acknowledges pushes together (protocol.md section 7.5): a burst of messages costs the server
 * fewer ACK frames than pushes, every push is acknowledged, and none is pushed again. Runs under the Maven
 * profile {@code browser}, like BrowserChatTest.
 */
class BrowserAckTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGES = 20;

    private TestServer server;
    private Path profile;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(Map.of());
        profile = Files.createTempDirectory("tern-chromium-");
        browser = HeadlessChromium.start(profile);
    }

    @AfterEach
    void stop() {
        try {
            browser.quit();
        } finally {
            server.close();
            TestServer.deleteRecursively(profile);
        }
    }

    @Test
    void aBurstOfPushes_isAcknowledgedWithFewerAcksThanPushes_andNoneIsPushedAgain() throws Exception {
        TestUser ann = server.user("ann"); // password-1
        TestUser ben = server.user("ben");
        browser.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")))
                .sendKeys("ann");
        browser.findElement(By.id("login-password")).sendKeys("password-1");
        browser.findElement(By.id("login-submit")).click();
        until(d -> !d.findElements(By.id("me-status")).isEmpty()
                && "Online".equals(d.findElement(By.id("me-status")).getText())); // pushes come live from here

        // over HTTP, so that the sender makes no ACK of its own; all at once, so that they arrive as a burst
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(MESSAGES);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                String body = "{\"clientMsgId\":\"m" + i + "\",\"toId\":" + ann.userId()
                        + ",\"content\":{\"contentType\":1,\"body\":\"burst " + i + "\"}}";
                sent.add(senders.submit(() -> server.http().post("/api/messages", body, ben.token()).status()));
            }
            for (java.util.concurrent.Future<Integer> status : sent) {
                assertThat(status.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }
        until(d -> d.findElements(By.cssSelector(".conv[data-title='ben'] .badge")).stream()
                .anyMatch(b -> String.valueOf(MESSAGES).equals(b.getText())));

        until(d -> Scrape.value(server.port(), "tern_messages_acked_total") == MESSAGES);
        double ackFrames = Scrape.value(server.port(), "tern_acks_received_total");
        assertThat(ackFrames).isBetween(1.0, MESSAGES - 1.0);
        assertThat(Scrape.value(server.port(), "tern_messages_retried_total")).isZero();
    }

    private void until(ExpectedCondition<Boolean> condition) {
        new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }
}
