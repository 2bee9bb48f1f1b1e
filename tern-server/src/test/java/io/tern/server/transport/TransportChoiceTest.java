package io.tern.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.server.config.ConfigException;
import io.tern.server.config.ConfigLoader;
import io.tern.server.config.TernConfig;
import io.tern.server.support.Frames;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** server.transport: each choice serves a chat end to end, AUTO picks epoll where it loads, a bad value is refused. */
class TransportChoiceTest {

    @ParameterizedTest
    @CsvSource({"NIO,nio", "EPOLL,epoll", "AUTO,epoll"})
    void eachTransport_carriesAChat_andSaysWhichItIs(String setting, String expected) {
        // the build bundles epoll for Linux x86-64, the platform CI runs on; elsewhere AUTO must fall back to NIO
        String want = expected.equals("epoll") && !Epoll.isAvailable() && setting.equals("AUTO") ? "nio" : expected;
        if (setting.equals("EPOLL") && !Epoll.isAvailable()) {
            assertThatThrownBy(() -> TestServer.start(Map.of("server.transport", setting)))
                    .hasMessageContaining("server.transport=EPOLL");
            return;
        }
        try (TestServer server = TestServer.start(Map.of("server.transport", setting))) {
            assertThat(server.server().transport()).isEqualTo(want);
            TestUser alice = server.user("alice");
            TestUser bob = server.user("bob");
            try (WsTestClient a = server.connect(alice); WsTestClient b = server.connect(bob)) {
                a.send(Frames.chat("t1", bob.userId(), "over " + want));
                ChatResp resp = a.next(ChatResp.class);
                ChatPush push = b.next(ChatPush.class);
                assertThat(push.msgId()).isEqualTo(resp.msgId());
                assertThat(push.content().tree().get("body").asText()).isEqualTo("over " + want);
                b.send(Ack.of(resp.conversationId(), resp.seq()));
            }
        }
    }

    @Test
    void anUnknownTransport_isRefusedAtStart() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.transport", "io_uring")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.transport must be one of [AUTO, EPOLL, NIO]");
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).server().transport()).isEqualTo(TernConfig.Transport.AUTO);
    }
}
