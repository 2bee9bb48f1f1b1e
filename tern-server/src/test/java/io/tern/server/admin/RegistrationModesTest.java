package io.tern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.Http;
import io.tern.server.support.MainRunner;
import io.tern.server.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** auth.registration: CLOSED refuses, INVITE takes each admin-made code once. */
class RegistrationModesTest {
    @TempDir
    Path tmp;

    private static Http.Response register(Http http, String username, String invite) {
        String field = invite == null ? "" : ",\"invite\":\"" + invite + "\"";
        return http.post("/api/register", "{\"username\":\"" + username + "\",\"password\":\"password-1\"" + field + "}",
                null);
    }

    @Test
    void closed_registrationRefused_adminsStillCreateAccounts() {
        Path dataDir = tmp.resolve("data");
        assertThat(MainRunner.run("admin-password-1\n", "admin", "--data-dir", dataDir.toString(), "create-user",
                "olivia", "--admin").status()).isZero();
        try (TestServer server = TestServer.start(dataDir, Map.of("auth.registration", "CLOSED"))) {
            Http.Response refused = register(server.http(), "mallory", null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body().at("/error/code").asText()).isEqualTo("REGISTRATION_CLOSED");
            String admin = server.http().post("/api/login", "{\"username\":\"olivia\",\"password\":\"admin-password-1\"}",
                    null).body().get("token").asText();
            assertThat(server.http().post("/api/admin/users", "{\"username\":\"dave\",\"password\":\"password-1\"}", admin)
                    .status()).isEqualTo(201);
            assertThat(server.http().login("dave", null).userId()).isPositive();
        }
    }

    @Test
    void invite_eachCodeRegistersOnce_aFailedRegistrationGivesItBack() {
        Path dataDir = tmp.resolve("data");
        assertThat(MainRunner.run("admin-password-1\n", "admin", "--data-dir", dataDir.toString(), "create-user",
                "olivia", "--admin").status()).isZero();
        MainRunner.Outcome made = MainRunner.run("", "admin", "--data-dir", dataDir.toString(), "invite", "--hours", "2");
        assertThat(made.status()).as(made.err()).isZero();
        String offlineCode = made.out().replaceAll("(?s).*\"code\" : \"([^\"]+)\".*", "$1");
        try (TestServer server = TestServer.start(dataDir, Map.of("auth.registration", "INVITE"))) {
            Http http = server.http();
            assertThat(register(http, "erin", null).body().at("/error/code").asText()).isEqualTo("INVITE_INVALID");
            assertThat(register(http, "erin", "made-up").body().at("/error/code").asText()).isEqualTo("INVITE_INVALID");

            String admin = http.post("/api/login", "{\"username\":\"olivia\",\"password\":\"admin-password-1\"}", null)
                    .body().get("token").asText();
            String code = http.post("/api/admin/invites", "{\"hours\":24}", admin).body().get("code").asText();

            assertThat(register(http, "x", code).status()).isEqualTo(400); // bad name: the code is not used up
            assertThat(register(http, "erin", code).status()).isEqualTo(201);
            assertThat(register(http, "frank", code).body().at("/error/code").asText()).isEqualTo("INVITE_INVALID");
            assertThat(register(http, "frank", offlineCode).status()).isEqualTo(201);
        }
    }
}
