package io.tern.server.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.support.Http;
import io.tern.server.support.MediaHttp;
import io.tern.server.support.TestImages;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Profiles (display name, avatar) and the directory searched by name prefix: paging, case, display names in
 * any script, disabled accounts left out, no presence told, avatars public but only the owner's images, and
 * the rate limit.
 */
class DirectoryTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> names(JsonNode users) {
        List<String> out = new ArrayList<>();
        users.forEach(u -> out.add(u.get("username").asText()));
        return out;
    }

    private Http.Response find(TestUser user, String prefix, String extra) {
        return server.http().get("/api/users?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + extra,
                user.token());
    }

    @Test
    void findsByUsernameOrDisplayNamePrefix_ignoringCase_paged_withoutPresence() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "1000"));
        TestUser me = server.user("zed");
        for (String name : List.of("alice", "alan", "Albert", "bob", "alfred")) {
            server.user(name);
        }
        TestUser bob = server.http().login("bob", "d");
        Http.Response set = server.http().send("PUT", "/api/me/profile", "{\"displayName\":\"Al 王小明\"}", bob.token());
        assertThat(set.status()).as(String.valueOf(set.body())).isEqualTo(200);
        assertThat(set.body().get("displayName").asText()).isEqualTo("Al 王小明");

        JsonNode first = find(me, "AL", "&limit=2").body();
        assertThat(names(first.get("users"))).containsExactly("Albert", "alan");
        assertThat(first.get("users").get(0).has("online")).isFalse();
        JsonNode second = find(me, "al", "&limit=2&after=" + first.get("nextAfter").asText()).body();
        assertThat(names(second.get("users"))).containsExactly("alfred", "alice");
        JsonNode third = find(me, "al", "&limit=2&after=" + second.get("nextAfter").asText()).body();
        assertThat(names(third.get("users"))).containsExactly("bob"); // by display name
        assertThat(third.get("nextAfter").isNull()).isTrue();
        assertThat(names(find(me, "王小", "").body().get("users"))).isEmpty(); // a prefix, not a substring
        assertThat(names(find(me, "al 王", "").body().get("users"))).containsExactly("bob");
        assertThat(names(find(me, "%", "").body().get("users"))).isEmpty();
        assertThat(find(me, "", "").status()).isEqualTo(400);
    }

    @Test
    void aDisabledAccount_isNotListed() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "1000"));
        TestUser me = server.user("zed");
        server.user("carol");
        assertThat(names(find(me, "car", "").body().get("users"))).containsExactly("carol");
        // as an admin's disable does (AdminToolsTest covers that route); straight into the SQLite file
        org.junit.jupiter.api.Assumptions.assumeFalse("postgres".equals(System.getProperty("tern.test.store")));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + server.dataDir().resolve("tern.db")); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE accounts SET status = 'disabled' WHERE username = 'carol'");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(names(find(me, "car", "").body().get("users"))).isEmpty();
    }

    @Test
    void anAvatar_isAnImageOfTheOwner_andThenEveryoneMayDownloadIt() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "1000"));
        TestUser ann = server.user("ann");
        TestUser stranger = server.user("stranger");
        MediaHttp media = new MediaHttp(server);
        String image = media.upload(ann.token(), "me.png", TestImages.png(64, 64), "image/png").body()
                .get("mediaId").asText();
        String text = media.upload(ann.token(), "notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain")
                .body().get("mediaId").asText();
        String theirs = media.upload(stranger.token(), "x.png", TestImages.png(8, 8), "image/png").body()
                .get("mediaId").asText();

        assertThat(media.get("/api/media/" + image, stranger.token()).status()).isEqualTo(404);
        Http.Response notImage = server.http().send("PUT", "/api/me/profile", "{\"avatarMediaId\":\"" + text + "\"}",
                ann.token());
        assertThat(notImage.status()).isEqualTo(400);
        assertThat(notImage.body().get("error").get("code").asText()).isEqualTo("AVATAR_NOT_IMAGE");
        Http.Response someoneElses = server.http().send("PUT", "/api/me/profile",
                "{\"avatarMediaId\":\"" + theirs + "\"}", ann.token());
        assertThat(someoneElses.status()).isEqualTo(404);
        Http.Response tooLong = server.http().send("PUT", "/api/me/profile",
                "{\"displayName\":\"" + "x".repeat(65) + "\"}", ann.token());
        assertThat(tooLong.status()).isEqualTo(400);

        Http.Response ok = server.http().send("PUT", "/api/me/profile", "{\"displayName\":\"Ann\",\"avatarMediaId\":\""
                + image + "\"}", ann.token());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(media.get("/api/media/" + image, stranger.token()).status()).isEqualTo(200);
        JsonNode found = find(stranger, "ann", "").body().get("users").get(0);
        assertThat(found.get("avatarMediaId").asText()).isEqualTo(image);
        assertThat(server.http().get("/api/me/profile", ann.token()).body().get("displayName").asText())
                .isEqualTo("Ann");
    }

    @Test
    void directorySearches_areRateLimitedPerUser() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "3"));
        TestUser me = server.user("zed");
        for (int i = 0; i < 3; i++) {
            assertThat(find(me, "a", "").status()).isEqualTo(200);
        }
        Http.Response limited = find(me, "a", "");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
    }
}
