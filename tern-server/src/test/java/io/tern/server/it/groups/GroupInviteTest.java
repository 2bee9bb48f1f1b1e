package io.tern.server.it.groups;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.support.Http;
import io.tern.server.support.MutableClock;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invite links: created, listed and revoked by admins; a join by code is decided inside the writer's commit,
 * so an expired, used-up or revoked link refuses, and concurrent joins never overrun the use count.
 */
class GroupInviteTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private TestServer server;
    private TestUser owner;
    private TestUser ann;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.NO_LIMITS, clock);
        owner = server.user("owner");
        ann = server.user("ann");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long closedGroup() {
        Http.Response r = server.http().post("/api/groups", "{\"name\":\"club\",\"memberIds\":[" + ann.userId() + "]}",
                owner.token());
        return r.body().get("groupId").asLong();
    }

    private Http.Response invite(long g, TestUser as, String body) {
        return server.http().post("/api/groups/" + g + "/invites", body, as.token());
    }

    private Http.Response join(String code, TestUser as) {
        return server.http().post("/api/group-invites/" + code + "/join", "", as.token());
    }

    private static String error(Http.Response r) {
        return r.body().path("error").path("code").asText();
    }

    @Test
    void anAdminCreatesALink_anyoneJoinsAClosedGroupByIt_andThePlainMemberCannotCreateOne() {
        long g = closedGroup();
        assertThat(error(invite(g, ann, "{}"))).isEqualTo("FORBIDDEN");
        Http.Response created = invite(g, owner, "{\"maxUses\":5}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String code = created.body().get("code").asText();
        assertThat(code).hasSizeGreaterThanOrEqualTo(22);

        TestUser ben = server.user("ben");
        Http.Response joined = join(code, ben);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        assertThat(joined.body().get("groupId").asLong()).isEqualTo(g);
        assertThat(join(code, ben).status()).isEqualTo(200); // already a member: nothing used
        JsonNode list = server.http().get("/api/groups/" + g + "/invites", owner.token()).body().get("invites");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("uses").asInt()).isEqualTo(1);
        JsonNode event = server.http().get("/api/conversations/g:" + g + "/messages", ben.token()).body()
                .get("messages").get(0).get("content");
        assertThat(event.get("event").asText()).isEqualTo("joined");
        assertThat(event.get("invite").asBoolean()).isTrue();
        assertThat(error(server.http().get("/api/groups/" + g + "/invites", ann.token()))).isEqualTo("FORBIDDEN");
    }

    @Test
    void anExpiredExhaustedOrRevokedLink_refuses_andABannedUserCannotUseOne() {
        long g = closedGroup();
        String expiring = invite(g, owner, "{\"expiresAt\":" + (clock.millis() + 60_000) + "}").body().get("code").asText();
        String once = invite(g, owner, "{\"maxUses\":1}").body().get("code").asText();
        String revoked = invite(g, owner, "{}").body().get("code").asText();
        assertThat(server.http().delete("/api/groups/" + g + "/invites/" + revoked, owner.token()).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        Http.Response expired = join(expiring, server.user("ben"));
        assertThat(expired.status()).isEqualTo(410);
        assertThat(error(expired)).isEqualTo("INVITE_EXPIRED");
        assertThat(join(once, server.user("cat")).status()).isEqualTo(200);
        Http.Response exhausted = join(once, server.user("dan"));
        assertThat(exhausted.status()).isEqualTo(410);
        assertThat(error(exhausted)).isEqualTo("INVITE_EXHAUSTED");
        Http.Response gone = join(revoked, server.user("eve"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(error(gone)).isEqualTo("NO_SUCH_INVITE");
        assertThat(error(join("no-such-code", server.user("eve")))).isEqualTo("NO_SUCH_INVITE");
        assertThat(server.http().get("/api/groups/" + g + "/invites", owner.token()).body().get("invites"))
                .extracting(i -> i.get("code").asText()).containsExactlyInAnyOrder(expiring, once);

        TestUser fay = server.user("fay");
        server.http().send("PUT", "/api/groups/" + g + "/bans/" + fay.userId(), "", owner.token());
        String open = invite(g, owner, "{}").body().get("code").asText();
        assertThat(error(join(open, fay))).isEqualTo("BANNED");

        assertThat(error(invite(g, owner, "{\"expiresAt\":" + clock.millis() + "}"))).isEqualTo("INVALID_FIELD");
        assertThat(error(invite(g, owner, "{\"maxUses\":0}"))).isEqualTo("INVALID_FIELD");
    }

    @Test
    void concurrentJoins_neverOverrunTheUseCount() throws Exception {
        long g = closedGroup();
        int limit = 3;
        int joiners = 12;
        String code = invite(g, owner, "{\"maxUses\":" + limit + "}").body().get("code").asText();
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < joiners; i++) {
            users.add(server.user("joiner" + i));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(joiners);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (TestUser u : users) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return join(code, u);
                }));
            }
            go.countDown();
            int joined = 0;
            int exhausted = 0;
            for (Future<Http.Response> a : answers) {
                Http.Response r = a.get();
                if (r.status() == 200) {
                    joined++;
                } else if ("INVITE_EXHAUSTED".equals(error(r))) {
                    exhausted++;
                }
            }
            assertThat(joined).isEqualTo(limit);
            assertThat(exhausted).isEqualTo(joiners - limit);
        } finally {
            pool.shutdownNow();
        }
        JsonNode group = server.http().get("/api/groups/" + g, owner.token()).body();
        assertThat(group.get("memberCount").asInt()).isEqualTo(2 + limit);
        assertThat(server.http().get("/api/groups/" + g + "/invites", owner.token()).body().get("invites").get(0)
                .get("uses").asInt()).isEqualTo(limit);
    }
}
