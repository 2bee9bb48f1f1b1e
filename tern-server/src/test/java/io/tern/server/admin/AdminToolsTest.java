package io.tern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.startup.StartupException;
import io.tern.server.support.Http;
import io.tern.server.support.MainRunner;
import io.tern.server.support.MainRunner.Outcome;
import io.tern.server.support.PostgresForTests;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin tools end to end: the data-directory commands, the HTTP API, the CLI against a running server. */
class AdminToolsTest {
    @TempDir
    Path tmp;

    private static Http.Response login(Http http, String username, String password) {
        return http.post("/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
    }

    @Test
    void firstAdminOnTheDataDir_thenDisableEnableResetDeleteOverHttpAndCli_allAudited() throws Exception {
        Path dataDir = tmp.resolve("data");
        Map<String, String> store = PostgresForTests.storeOverrides(); // -Dtern.test.store=postgres: the same on PostgreSQL
        List<String> args = new ArrayList<>(List.of("admin", "--data-dir", dataDir.toString()));
        store.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        args.addAll(List.of("create-user", "olivia", "--admin"));
        Outcome created = MainRunner.run("root-password-1\n", args.toArray(String[]::new));
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).contains("\"role\" : \"admin\"");

        try (TestServer server = TestServer.start(dataDir, store)) {
            Http http = server.http();
            if (store.isEmpty()) {
                // while the server runs, the data-directory route is refused (PostgreSQL has no data directory)
                Outcome locked = MainRunner.run("", "admin", "--data-dir", dataDir.toString(), "list");
                assertThat(locked.status()).isEqualTo(StartupException.LOCKED);
            }

            String root = login(http, "olivia", "root-password-1").body().get("token").asText();
            TestUser bob = http.registerAndLogin("bob", null);
            http.registerAndLogin("carol", null);

            assertThat(http.get("/api/admin/users", bob.token()).body().at("/error/code").asText())
                    .isEqualTo("ADMIN_REQUIRED");

            try (WsTestClient bobOnline = server.connect(bob)) {
                Http.Response disabled = http.post("/api/admin/users/bob/disable", "{}", root);
                assertThat(disabled.body().get("status").asText()).isEqualTo("disabled");
                bobOnline.closed().get(10, TimeUnit.SECONDS); // the live session is closed at once
            }
            assertThat(http.get("/api/me", bob.token()).status()).isEqualTo(401);
            Http.Response refused = login(http, "bob", "password-1");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().at("/error/code").asText()).isEqualTo("ACCOUNT_DISABLED");

            http.post("/api/admin/users/bob/enable", "{}", root);
            Http.Response again = login(http, "bob", "password-1");
            assertThat(again.status()).isEqualTo(200);
            String bobToken = again.body().get("token").asText();

            // the CLI against the running server
            String url = "http://127.0.0.1:" + server.port();
            Outcome reset = MainRunner.run("carol-new-password\n", "admin", "--url", url, "--token", root,
                    "reset-password", "carol");
            assertThat(reset.status()).as(reset.err()).isZero();
            assertThat(login(http, "carol", "password-1").status()).isEqualTo(401);
            assertThat(login(http, "carol", "carol-new-password").status()).isEqualTo(200);

            Outcome deleted = MainRunner.run("", "admin", "--url", url, "--token", root, "delete", "carol");
            assertThat(deleted.status()).as(deleted.err()).isZero();
            assertThat(deleted.out()).contains("#deleted-").contains("\"status\" : \"deleted\"").doesNotContain("carol");
            assertThat(login(http, "carol", "carol-new-password").status()).isEqualTo(401);
            assertThat(http.get("/api/admin/users?q=carol", root).body().get("users")).isEmpty();
            assertThat(http.post("/api/register", "{\"username\":\"carol\",\"password\":\"password-2\"}", null).status())
                    .isEqualTo(201); // the name is free again

            Http.Response lastAdmin = http.send("PUT", "/api/admin/users/olivia/role", "{\"role\":\"user\"}", root);
            assertThat(lastAdmin.status()).isEqualTo(409);
            assertThat(lastAdmin.body().at("/error/code").asText()).isEqualTo("LAST_ADMIN");

            Outcome denied = MainRunner.run("", "admin", "--url", url, "--token", bobToken, "list");
            assertThat(denied.status()).isEqualTo(1);
            assertThat(denied.err()).contains("403 ADMIN_REQUIRED");

            List<String> actions = new ArrayList<>();
            for (JsonNode e : http.get("/api/admin/audit", root).body().get("entries")) {
                actions.add(e.get("actor").asText() + " " + e.get("action").asText() + " " + e.get("target").asText());
            }
            assertThat(actions).containsExactly(
                    "olivia delete carol (3)", "olivia reset-password carol (3)", "olivia enable bob (2)",
                    "olivia disable bob (2)", "local:" + System.getProperty("user.name") + " create-user olivia (1)");
        }
    }
}
