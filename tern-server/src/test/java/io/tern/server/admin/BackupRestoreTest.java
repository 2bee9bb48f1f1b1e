package io.tern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.startup.StartupException;
import io.tern.server.support.Http;
import io.tern.server.support.MainRunner;
import io.tern.server.support.MainRunner.Outcome;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup taken while messages are being sent holds every message acknowledged before it was asked for;
 * restored into a new data directory, a server started there serves them.
 */
class BackupRestoreTest {
    private static final int MAX_MESSAGES = 400;

    @TempDir
    Path tmp;

    @Test
    void onlineBackupUnderWriteLoad_restoredIntoNewDataDir_hasEveryMessageAckedBeforeIt() throws Exception {
        Path dataDir = tmp.resolve("data");
        assertThat(MainRunner.run("admin-password-1\n", "admin", "--data-dir", dataDir.toString(), "create-user",
                "olivia", "--admin").status()).isZero();
        Path backup = tmp.resolve("backup.db");
        List<String> acked = new CopyOnWriteArrayList<>();
        String conversation;
        Set<String> ackedBeforeBackup;
        try (TestServer server = TestServer.start(dataDir, Map.of())) {
            Http http = server.http();
            TestUser alice = http.registerAndLogin("alice", null);
            TestUser bob = http.registerAndLogin("bob", null);
            String admin = http.post("/api/login", "{\"username\":\"olivia\",\"password\":\"admin-password-1\"}", null)
                    .body().get("token").asText();
            conversation = "p:" + alice.userId() + ":" + bob.userId();
            AtomicBoolean stop = new AtomicBoolean();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < MAX_MESSAGES && !stop.get(); i++) {
                    Http.Response r = http.post("/api/messages", "{\"clientMsgId\":\"m" + i + "\",\"toId\":" + bob.userId()
                            + ",\"content\":{\"contentType\":1,\"body\":\"message " + i + "\"}}", alice.token());
                    if (r.status() == 200) {
                        acked.add(r.body().get("msgId").asText());
                    }
                }
            }, "backup-test-sender");
            sender.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 30);
            ackedBeforeBackup = new HashSet<>(acked);
            Http.Response written = http.post("/api/admin/backup", "{\"file\":\"" + backup + "\"}", admin);
            assertThat(written.status()).as(String.valueOf(written.body())).isEqualTo(200);
            int atBackup = acked.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= Math.min(MAX_MESSAGES, atBackup + 20)
                    || !sender.isAlive()); // writes went on after the backup
            stop.set(true);
            sender.join(TimeUnit.SECONDS.toMillis(30));

            Http.Response again = http.post("/api/admin/backup", "{\"file\":\"" + backup + "\"}", admin);
            assertThat(again.body().at("/error/code").asText()).isEqualTo("BACKUP_FAILED"); // never overwrites
        }

        Path restored = tmp.resolve("restored");
        TestServer holder = TestServer.start(restored, Map.of());
        Outcome refused = MainRunner.run("", "restore", backup.toString(), "--data-dir", restored.toString());
        holder.stopKeepingData();
        assertThat(refused.status()).isEqualTo(StartupException.LOCKED); // never under a running server
        Outcome restore = MainRunner.run("", "restore", backup.toString(), "--data-dir", restored.toString());
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("movedAside");

        try (TestServer server = TestServer.start(restored, Map.of())) {
            TestUser bob = server.http().login("bob", null);
            JsonNode page = server.http().get("/api/conversations/" + conversation + "/messages?limit=500", bob.token())
                    .body();
            Set<String> found = new HashSet<>();
            page.get("messages").forEach(m -> found.add(m.get("msgId").asText()));
            assertThat(found).containsAll(ackedBeforeBackup);
            assertThat(found.size()).isLessThan(acked.size()); // the backup is a snapshot, not the later state
        }
    }

    @Test
    void offlineBackupOfAStoppedDataDir_restoresToo() throws Exception {
        Path dataDir = tmp.resolve("data");
        TestServer server = TestServer.start(dataDir, Map.of());
        server.http().registerAndLogin("alice", null);
        server.stopKeepingData();
        Path backup = tmp.resolve("offline.db");
        Outcome written = MainRunner.run("", "backup", backup.toString(), "--data-dir", dataDir.toString());
        assertThat(written.status()).as(written.err()).isZero();
        assertThat(Files.size(backup)).isPositive();
        Path restored = tmp.resolve("restored");
        assertThat(MainRunner.run("", "restore", backup.toString(), "--data-dir", restored.toString()).status()).isZero();
        try (TestServer again = TestServer.start(restored, Map.of())) {
            assertThat(again.http().login("alice", null).userId()).isPositive();
        }
    }

    @Test
    void restoreOfAFileThatIsNoBackup_refusedAndNothingMoved() throws Exception {
        Path notABackup = Files.writeString(tmp.resolve("notes.txt"), "not a database");
        Path dataDir = tmp.resolve("data");
        Outcome outcome = MainRunner.run("", "restore", notABackup.toString(), "--data-dir", dataDir.toString());
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).contains("is not a Tern backup");
        assertThat(dataDir.resolve("tern.db")).doesNotExist();
    }
}
