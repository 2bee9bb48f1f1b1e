package io.tern.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 13 item 8: scrolling up through a long day of history, each older page that loads above must leave the
 * message the reader was looking at where it was. With every message on one day the day separator stays the
 * list's first child, which the old position fix relied on changing; the reader then jumped ~50 messages.
 * Runs under the Maven profile {@code browser}, like {@link BrowserChatTest}.
 */
class HistoryScrollBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int NOTES = 130;

    /**
     * Scrolls up one step and, in the same task (before the scroll event can start a load), finds the first
     * message row at least partly visible at the top: its seq, its offset in px and the scroll position.
     */
    private static final String SCROLL_UP = """
            const s = document.querySelector('.scroller');
            s.scrollTop -= 250;
            const top = s.getBoundingClientRect().top;
            const row = [...document.querySelectorAll('.msg-list .row[data-seq]')]
                .find((r) => r.getBoundingClientRect().bottom > top + 1);
            return row ? [Number(row.dataset.seq), row.getBoundingClientRect().top - top, s.scrollTop] : null;
            """;
    /** Where the row with the seq given is now, in px from the scroller's top. */
    private static final String OFFSET_OF = """
            const s = document.querySelector('.scroller');
            const row = document.querySelector(`.msg-list .row[data-seq='${arguments[0]}']`);
            return row.getBoundingClientRect().top - s.getBoundingClientRect().top;
            """;
    /** Calls back after two frames: the scroll event of the last step and the render it caused have run. */
    private static final String SETTLE = """
            const done = arguments[arguments.length - 1];
            requestAnimationFrame(() => requestAnimationFrame(() => done(
                document.querySelector('.history-status').textContent)));
            """;

    private TestServer server;
    private Path profile;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(Map.of());
        profile = Files.createTempDirectory("tern-chromium-");
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(Path.of("target", "screenshots", "history-scroll-last.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.quit();
        }
        server.close();
        TestServer.deleteRecursively(profile);
    }

    @Test
    void scrollingUpThroughOneDayKeepsTheMessageAtTheTopInPlaceWhenOlderPagesLoad() {
        TestUser ann = server.user("ann");
        TestUser ben = server.user("ben");
        for (int i = 1; i <= NOTES; i++) {
            Http.Response r = server.http().post("/api/messages", "{\"clientMsgId\":\"n" + i + "\",\"toId\":"
                    + ben.userId() + ",\"content\":{\"contentType\":1,\"body\":\"note " + i + "\"}}", ann.token());
            assertThat(r.status()).isEqualTo(200);
        }
        browser = browser();
        browser.get("http://127.0.0.1:" + server.port() + "/");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys("ann");
        browser.findElement(By.id("login-password")).sendKeys("password-1");
        browser.findElement(By.id("login-submit")).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".conv[data-title='ben']"))).click();
        wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".row[data-seq='" + NOTES + "']")));
        assertThat(browser.findElements(By.cssSelector(".row[data-seq='1']"))).as("not all history up front").isEmpty();

        List<String> jumps = new ArrayList<>();
        int loads = 0;
        int rowsBefore = rows();
        for (int step = 0; step < 200 && browser.findElements(By.cssSelector(".row[data-seq='1']")).isEmpty(); step++) {
            List<?> top = (List<?>) browser.executeScript(SCROLL_UP);
            long seq = ((Number) top.get(0)).longValue();
            double offset = ((Number) top.get(1)).doubleValue();
            settle();
            int rowsNow = rows();
            if (rowsNow != rowsBefore) {
                loads++;
                rowsBefore = rowsNow;
            }
            double after = ((Number) browser.executeScript(OFFSET_OF, seq)).doubleValue();
            if (Math.abs(after - offset) > 1.5) {
                jumps.add("note " + seq + " moved from " + offset + " to " + after + " px");
            }
        }
        assertThat(browser.findElements(By.cssSelector(".row[data-seq='1']"))).as("reached the first note").hasSize(1);
        assertThat(loads).as("older pages loaded while scrolling").isGreaterThanOrEqualTo(2);
        assertThat(jumps).isEmpty();
    }

    /** Waits until the scroll's load (if it started one) has finished and been rendered. */
    private void settle() {
        new WebDriverWait(browser, WAIT, Duration.ofMillis(50)).until(d -> {
            Object status = browser.executeAsyncScript(SETTLE);
            return !String.valueOf(status).startsWith("Loading");
        });
        browser.executeAsyncScript(SETTLE);
    }

    private int rows() {
        return browser.findElements(By.cssSelector(".msg-list .row[data-seq]")).size();
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, WAIT, Duration.ofMillis(100)).until(condition);
    }

    private ChromeDriver browser() {
        return HeadlessChromium.start(profile);
    }
}
