package io.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.bench.cli.ImagePushCommand;
import io.tern.bench.load.ImagePushScenario;
import io.tern.bench.target.TernHttp;
import io.tern.bench.target.TernTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** image-push against a real server: every member gets one small push naming the image, never the image. */
class ImagePushTest {
    @Test
    void eachMemberIsPushedAReferenceOfHundredsOfBytesNotThePhoto() throws Exception {
        try (LocalTern tern = new LocalTern(Map.of())) {
            ImagePushScenario.Result r = ImagePushScenario.run(new TernTarget(new TernHttp(URI.create(tern.url())),
                    "imgtest", "bench-password-1", 4), 30, 256, null);
            assertThat(r.receivers()).isEqualTo(29);
            assertThat(r.imageBytes()).isBetween(100_000L, 256L * 1024);
            assertThat(r.pushBytesMin()).isPositive();
            assertThat(r.pushBytesMax()).isLessThan(1_000);
            assertThat(r.pushBytesMax() - r.pushBytesMin()).as("the same frame for everyone").isLessThan(20);
            assertThat(r.thumbnailBytes()).isBetween(1_000L, 60_000L);
            assertThat(r.naiveBytes()).isGreaterThan(100 * Math.round(r.pushBytesAvg() * r.receivers()));
        }
    }

    @Test
    void commandLinePrintsTheFigures() throws Exception {
        try (LocalTern tern = new LocalTern(Map.of())) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            PrintStream saved = System.out;
            int status;
            try {
                System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
                status = new CommandLine(new ImagePushCommand()).execute("--server", tern.url(), "--members", "5",
                        "--image-kb", "64", "--user-prefix", "imgcli");
            } finally {
                System.setOut(saved);
            }
            assertThat(status).isZero();
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("image message to a group of 5 members",
                    "CHAT push per member:", "re-pushes: ");
        }
    }
}
