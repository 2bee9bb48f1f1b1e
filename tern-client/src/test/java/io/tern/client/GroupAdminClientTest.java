package io.tern.client;

import static io.tern.client.LocalServer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's GroupAdmin against a real server: settings events reach members, invite links, bans, dissolve. */
class GroupAdminClientTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    private LocalServer server;

    @BeforeEach
    void startServer() {
        server = new LocalServer(dataDir, Clock.systemUTC(), Map.of());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static String error(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return ((TernClientException) cause).error();
    }

    @Test
    void anOwnerRunsTheGroup_andMembersSeeEachChangeAsAnEvent() {
        Inbox bobInbox = new Inbox();
        TernClient alice = server.registered("alice", new Inbox());
        TernClient bob = server.registered("bob", bobInbox);
        TernClient carol = server.registered("carol", new Inbox());
        TernClient dave = server.registered("dave", new Inbox());
        GroupInfo team = await(alice.directory().createGroup("team", List.of(bob.userId()), false));
        GroupAdmin admin = alice.directory().groupAdmin(team.groupId());

        long seq = await(admin.update(null, "our room", null, true));
        assertThat(seq).isEqualTo(2);
        await().atMost(WAIT).until(() -> bobInbox.of(team.conversationId()).size() == 2);
        Message updated = bobInbox.of(team.conversationId()).get(1);
        assertThat(updated.content().tree().path("event").asText()).isEqualTo("updated");
        GroupInfo seen = await(bob.directory().group(team.groupId()));
        assertThat(seen.description()).isEqualTo("our room");
        assertThat(seen.adminsOnly()).isTrue();
        assertThatThrownBy(() -> await(bob.sendToGroup(team.groupId(), "may I?")))
                .satisfies(e -> assertThat(error(e)).isEqualTo("ADMINS_ONLY"));

        GroupAdmin.Invite invite = await(admin.createInvite(null, 1));
        assertThat(await(carol.directory().joinByInvite(invite.code())).groupId()).isEqualTo(team.groupId());
        assertThatThrownBy(() -> await(dave.directory().joinByInvite(invite.code())))
                .satisfies(e -> assertThat(error(e)).isEqualTo("INVITE_EXHAUSTED"));
        assertThat(await(admin.invites())).extracting(GroupAdmin.Invite::uses).containsExactly(1);

        assertThat(await(admin.ban(carol.userId()))).isPositive();
        assertThat(await(admin.bans())).containsExactly(carol.userId());
        assertThat(await(admin.dissolve())).isPositive();
        assertThatThrownBy(() -> await(bob.directory().group(team.groupId())))
                .satisfies(e -> assertThat(error(e)).isEqualTo("GROUP_DISSOLVED"));
    }
}
