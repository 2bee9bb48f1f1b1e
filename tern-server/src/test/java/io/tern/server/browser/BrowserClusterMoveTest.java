package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tern.server.support.ClusterStack;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web client in a two-node cluster: when its node is drained, the page moves to the other node at once
 * (KICK "moved", then POST /api/reconnect avoiding the drained node) and goes on receiving. Before the web client
 * honoured the hint it reconnected to the same URL after its backoff, was moved again, and never left.
 */
class BrowserClusterMoveTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ClusterStack stack;
    private final List<TestServer> nodes = new ArrayList<>();
    private Path profile;
    private ChromeDriver ann;

    @BeforeEach
    void start() throws IOException {
        stack = ClusterStack.start();
        for (int i = 0; i < 2; i++) { // the page comes from node 0, its WebSocket may go to either node
            java.util.Map<String, String> config = new java.util.HashMap<>(stack.node(i));
            config.put("server.allowedOrigins", "*");
            nodes.add(TestServer.start(config));
        }
        profile = Files.createTempDirectory("tern-chromium-");
        ann = HeadlessChromium.start(HeadlessChromium.optionsWithConsole(profile));
    }

    @AfterEach
    void stop() {
        if (ann != null) {
            ann.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
                    .forEach(e -> System.out.println("browser: " + e.getMessage()));
            ann.quit();
        }
        nodes.forEach(TestServer::close);
        stack.close();
        TestServer.deleteRecursively(profile);
    }

    @Test
    void aDrainedNodesPage_movesToTheOtherNodeAtOnce_andKeepsReceiving() {
        ann.get("http://127.0.0.1:" + nodes.get(0).port() + "/");
        waitFor(By.id("tab-register")).click();
        ann.findElement(By.id("login-username")).sendKeys("ann");
        ann.findElement(By.id("login-password")).sendKeys("correct-horse-1");
        ann.findElement(By.id("login-submit")).click();
        until(ExpectedConditions.textToBe(By.id("me-status"), "Online"));
        await().atMost(WAIT).until(() -> sessions(0) + sessions(1) == 1);
        int from = sessions(0) == 1 ? 0 : 1; // wherever the login route sent her
        int to = 1 - from;

        TestUser ben = nodes.get(to).user("ben");
        long annId = nodes.get(to).http().get("/api/users/ann", ben.token()).body().get("userId").asLong();
        assertThat(nodes.get(to).http().post("/api/nodes/" + from + "/drain", "{}", ClusterStack.OPS_TOKEN).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(sessions(from)).isZero();
            assertThat(nodes.get(to).server().sessions().isOnline(annId)).isTrue();
        });
        until(ExpectedConditions.textToBe(By.id("me-status"), "Online"));

        nodes.get(to).http().post("/api/messages", "{\"clientMsgId\":\"m1\",\"toId\":" + annId
                + ",\"content\":{\"contentType\":1,\"body\":\"after the move\"}}", ben.token());
        until((org.openqa.selenium.support.ui.ExpectedCondition<Boolean>) d -> d.findElements(
                By.cssSelector(".conv[data-title='ben'] .conv-preview")).stream()
                .anyMatch(e -> "after the move".equals(e.getText())));
        assertThat(sessions(from)).as("never back on the drained node").isZero();
    }

    private int sessions(int node) {
        return (int) nodes.get(node).server().sessionCount();
    }

    private org.openqa.selenium.WebElement waitFor(By by) {
        return new WebDriverWait(ann, WAIT, Duration.ofMillis(100)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void until(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(ann, WAIT, Duration.ofMillis(100)).until(condition);
    }
}
