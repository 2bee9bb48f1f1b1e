package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ConversationSummary;
import io.tern.protocol.Pull;
import io.tern.protocol.PullResp;
import io.tern.protocol.Sync;
import io.tern.protocol.SyncResp;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A 200-member group gets every message once and in order; an offline member catches up on 1,000. */
class GroupScaleTest {
    private TestServer server;
    private final List<WsTestClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WsTestClient::close);
        server.close();
    }

    @Test
    void twoHundredMembers_eachGetsEveryMessageOnceInOrder() {
        // a ticker nobody advances: 200 members read one after another may take seconds on a busy machine,
        // and a retry of a push the test has not read yet is not what this test is about
        server = TestServer.start(java.util.Map.of(), new io.tern.server.support.FakeTicker());
        List<TestUser> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            users.add(server.user("member" + i));
        }
        String ids = users.stream().skip(1).map(u -> String.valueOf(u.userId())).collect(Collectors.joining(","));
        var created = server.http().post("/api/groups", "{\"name\":\"big\",\"memberIds\":[" + ids + "]}", users.get(0).token());
        long g = created.body().get("groupId").asLong();
        for (TestUser u : users) {
            clients.add(server.connect(u));
        }
        int messages = 30;
        for (int i = 0; i < messages; i++) {
            WsTestClient sender = clients.get(i % 5);
            sender.send(GroupTest.groupChat("g" + i, g, "msg " + i));
        }
        List<java.util.Set<Long>> sentBy = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            java.util.Set<Long> own = new java.util.HashSet<>();
            for (int k = 0; k < messages / 5; k++) {
                own.add(clients.get(i).next(ChatResp.class).seq());
            }
            sentBy.add(own);
        }
        // seq 1 is the "created" event; messages are 2..31. Every member sees every seq it did not send, once, in order.
        for (int m = 0; m < clients.size(); m++) {
            WsTestClient c = clients.get(m);
            int member = m;
            List<Long> expected = LongStream.rangeClosed(2, messages + 1)
                    .filter(seq -> member >= 5 || !sentBy.get(member).contains(seq)).boxed().toList();
            List<Long> got = new ArrayList<>();
            for (int k = 0; k < expected.size(); k++) {
                ChatPush p = c.next(ChatPush.class, push -> push.seq() >= 2);
                got.add(p.seq());
                c.send(Ack.of(p.conversationId(), p.seq()));
            }
            assertThat(got).as("member %d", m).containsExactlyElementsOf(expected);
            c.assertNoFrame(ChatPush.class);
            assertThat(c.skipped().stream().filter(f -> f instanceof ChatPush p && p.seq() >= 2).count())
                    .as("duplicates at member %d", m).isZero();
        }
    }

    @Test
    void offlineMember_catchesUpOnThousandGroupMessages() {
        server = TestServer.start();
        TestUser owner = server.user("owner");
        TestUser away = server.user("away");
        TestUser other = server.user("other");
        long g = server.http().post("/api/groups", "{\"name\":\"busy\",\"memberIds\":[" + away.userId() + ","
                + other.userId() + "]}", owner.token()).body().get("groupId").asLong();
        try (WsTestClient o = server.connect(owner); WsTestClient x = server.connect(other)) {
            for (int i = 0; i < 1000; i++) {
                (i % 2 == 0 ? o : x).send(GroupTest.groupChat("b" + i, g, "busy " + i));
            }
            for (int i = 0; i < 500; i++) {
                o.next(ChatResp.class);
                x.next(ChatResp.class);
            }
        }
        try (WsTestClient a = server.connect(away)) {
            a.send(new Sync(null, null));
            ConversationSummary s = a.next(SyncResp.class).conversations().get(0);
            assertThat(s.conversationId()).isEqualTo("g:" + g);
            assertThat(s.count()).isEqualTo(1001);
            List<ChatPush> all = a.pullAll(s.conversationId(), s.afterSeq(), 100);
            assertThat(all).extracting(ChatPush::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 1001).boxed().toList());
        }
    }
}
