package io.tern.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Kick;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19 item 5: look-alike and id-like usernames, password change, log out all devices. */
class AccountHardeningTest {
    private final TestServer server = TestServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void lookAlikeNames_ofExistingOrReservedNames_areRefused() {
        assertThat(register("alice").status()).isEqualTo(201);
        for (String lookAlike : new String[] {"Alice", "ALICE", "a1ice", "alice.", "alice-_", "A1ice"}) {
            Http.Response r = register(lookAlike);
            assertThat(r.status()).as(lookAlike).isEqualTo(409);
            assertThat(r.body().get("error").get("code").asText()).isEqualTo("USERNAME_TAKEN");
        }
        for (String reserved : new String[] {"admin.", "root_", "Admin", "ADMIN", "system-"}) {
            Http.Response r = register(reserved);
            assertThat(r.status()).as(reserved).isEqualTo(400);
            assertThat(r.body().get("error").get("message").asText()).contains("reserved");
        }
        for (String idLike : new String[] {"12345", "0x1", "_bob", "-1e5"}) {
            assertThat(register(idLike).status()).as(idLike).isEqualTo(400);
        }
        assertThat(register("alicia").status()).as("a different name is fine").isEqualTo(201);
        assertThat(register("a.lice").status()).as("inner separators make a visibly different name").isEqualTo(201);
    }

    @Test
    void loginByAFoldedName_findsTheAccount() {
        register("alice");
        assertThat(login("ALICE", "password-1").status()).isEqualTo(200);
        assertThat(server.http().get("/api/users/Alice", server.user("bob").token()).body().get("username").asText())
                .isEqualTo("alice");
    }

    @Test
    void passwordChange_needsTheCurrentPassword_andRevokesEveryOtherDevice() {
        TestUser laptop = server.user("alice");
        TestUser phone = server.http().login("alice", "phone");
        try (WsTestClient phoneSocket = server.connect(phone); WsTestClient laptopSocket = server.connect(laptop)) {
            Http.Response wrong = changePassword(laptop, "not-the-password", "a-new-password");
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.body().get("error").get("code").asText()).isEqualTo("WRONG_PASSWORD");
            assertThat(me(phone)).as("a wrong current password changes nothing").isEqualTo(200);

            assertThat(changePassword(laptop, "password-1", "a-new-password").status()).isEqualTo(200);

            assertThat(phoneSocket.next(Kick.class).reason()).isEqualTo(Kick.LOGGED_OUT);
            assertThat(me(phone)).isEqualTo(401);
            assertThat(me(laptop)).as("the device that changed it stays logged in").isEqualTo(200);
            laptopSocket.assertNoFrame(Kick.class);
        }
        assertThat(login("alice", "password-1").status()).isEqualTo(401);
        assertThat(login("alice", "a-new-password").status()).isEqualTo(200);
    }

    @Test
    void logoutAll_revokesEveryToken_andClosesEverySession() {
        TestUser laptop = server.user("alice");
        TestUser phone = server.http().login("alice", "phone");
        TestUser bob = server.user("bob");
        try (WsTestClient phoneSocket = server.connect(phone); WsTestClient laptopSocket = server.connect(laptop)) {
            Http.Response r = server.http().post("/api/logout-all", "{}", laptop.token());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("revoked").asInt()).isEqualTo(2);
            assertThat(phoneSocket.next(Kick.class).reason()).isEqualTo(Kick.LOGGED_OUT);
            assertThat(laptopSocket.next(Kick.class).reason()).isEqualTo(Kick.LOGGED_OUT);
        }
        assertThat(me(phone)).isEqualTo(401);
        assertThat(me(laptop)).isEqualTo(401);
        assertThat(me(bob)).as("other users keep their tokens").isEqualTo(200);
    }

    private Http.Response register(String username) {
        return server.http().post("/api/register", "{\"username\":\"" + username + "\",\"password\":\"password-1\"}", null);
    }

    private Http.Response login(String username, String password) {
        return server.http().post("/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
                null);
    }

    private Http.Response changePassword(TestUser as, String current, String next) {
        return server.http().post("/api/password", "{\"currentPassword\":\"" + current + "\",\"newPassword\":\""
                + next + "\"}", as.token());
    }

    private int me(TestUser as) {
        return server.http().get("/api/me", as.token()).status();
    }
}
