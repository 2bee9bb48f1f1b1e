package io.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tern.bench.wire.ChatTemplate;
import io.tern.bench.wire.ClientFrames;
import io.tern.bench.wire.MessageBody;
import io.tern.bench.wire.ServerFrame;
import io.tern.bench.wire.ServerFrameReader;
import io.tern.protocol.Ack;
import io.tern.protocol.ChatPush;
import io.tern.protocol.ChatResp;
import io.tern.protocol.ChatSend;
import io.tern.protocol.ErrorCode;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Frame;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.FrameType;
import io.tern.protocol.Kick;
import io.tern.protocol.Ping;
import io.tern.protocol.RawJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bench's own frame writing and reading agree with the protocol's codec. */
class WireFormatTest {
    private final FrameCodec server = FrameCodec.forServer();
    private final FrameCodec client = FrameCodec.forClient();
    private final ServerFrameReader reader = new ServerFrameReader();

    @Test
    void chatTemplateDecodesAsTheServerReadsIt() throws Exception {
        String body = MessageBody.encode("abc123", 4, 17, 1000, 1250);
        String text = ChatTemplate.toUser(42).text(MessageBody.clientMsgId("abc123", 4, 17), body);

        ChatSend chat = (ChatSend) server.decode(text);

        assertThat(chat.toId()).isEqualTo(42L);
        assertThat(chat.groupId()).isNull();
        assertThat(chat.clientMsgId()).isEqualTo("abc123.4.17");
        assertThat(chat.content().tree().path("contentType").intValue()).isEqualTo(1);
        assertThat(chat.content().tree().path("body").textValue()).isEqualTo(body);
    }

    @Test
    void groupTemplateAddressesTheGroup() throws Exception {
        ChatSend chat = (ChatSend) server.decode(ChatTemplate.toGroup(9).text("t.0.0", "t.0.0.1.1"));
        assertThat(chat.groupId()).isEqualTo(9L);
        assertThat(chat.toId()).isNull();
    }

    @Test
    void ackPingPongAreTheCodecsOwn() throws Exception {
        Ack ack = (Ack) server.decode(new String(ClientFrames.ack("p:1:2", 7), StandardCharsets.UTF_8));
        assertThat(ack.conversationId()).isEqualTo("p:1:2");
        assertThat(ack.seq()).isEqualTo(7L);
        assertThat(server.decode(new String(ClientFrames.PING, StandardCharsets.UTF_8)).type()).isEqualTo(FrameType.PING);
        assertThat(server.decode(new String(ClientFrames.PONG, StandardCharsets.UTF_8)).type()).isEqualTo(FrameType.PONG);
    }

    @Test
    void readerReadsAPushLikeTheCodec() throws Exception {
        ChatPush push = new ChatPush("m1", "p:1:2", 12, 1, 2L, 1795446156682L, "abc.0.3",
                new RawJson("{\"contentType\":1,\"body\":\"abc.0.3.10.20\",\"extra\":{\"a\":[1,2]}}"));

        ServerFrame f = read(push);

        assertThat(f.type).isEqualTo(FrameType.CHAT);
        assertThat(f.conversationId).isEqualTo(push.conversationId());
        assertThat(f.seq).isEqualTo(push.seq());
        assertThat(f.fromId).isEqualTo(push.fromId());
        assertThat(f.clientMsgId).isEqualTo(push.clientMsgId());
        assertThat(f.text).isEqualTo("abc.0.3.10.20");
        // the codec reads the same frame the same way
        ChatPush decoded = (ChatPush) client.decode(client.encode(push));
        assertThat(decoded.content().tree().path("body").textValue()).isEqualTo(f.text);
    }

    @Test
    void readerReadsRespErrorKickAndPing() throws Exception {
        ServerFrame resp = read(new ChatResp("abc.1.2", "m9", "p:1:2", 5, 99));
        assertThat(resp.type).isEqualTo(FrameType.CHAT_RESP);
        assertThat(resp.clientMsgId).isEqualTo("abc.1.2");
        assertThat(resp.seq).isEqualTo(5);

        ServerFrame error = read(ErrorFrame.of(ErrorCode.NO_SUCH_USER, "no user", "abc.1.3", FrameType.CHAT));
        assertThat(error.type).isEqualTo(FrameType.ERROR);
        assertThat(error.error).isEqualTo("NO_SUCH_USER");
        assertThat(error.code).isEqualTo(ErrorCode.NO_SUCH_USER.code());
        assertThat(error.refType).isEqualTo(FrameType.CHAT);
        assertThat(error.clientMsgId).isEqualTo("abc.1.3");

        ServerFrame kick = read(new Kick(Kick.SLOW_CONSUMER));
        assertThat(kick.type).isEqualTo(FrameType.KICK);
        assertThat(kick.reason).isEqualTo("slow-consumer");

        assertThat(read(new Ping()).type).isEqualTo(FrameType.PING);
    }

    @Test
    void readerTakesDirectBuffers() throws Exception {
        byte[] bytes = client.encode(new ChatResp("x.0.1", "m", "p:1:2", 3, 1));
        ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        try {
            assertThat(reader.read(direct).seq).isEqualTo(3);
        } finally {
            direct.release();
        }
    }

    @Test
    void bodyRoundTripsAndRejectsOtherRuns() {
        MessageBody b = new MessageBody();
        assertThat(b.parse(MessageBody.encode("run1", 3, 99, 123456, 123460), "run1")).isTrue();
        assertThat(b.sender).isEqualTo(3);
        assertThat(b.msg).isEqualTo(99);
        assertThat(b.intendedMicros).isEqualTo(123456);
        assertThat(b.sentMicros).isEqualTo(123460);
        assertThat(b.parse(MessageBody.encode("run2", 3, 99, 1, 1), "run1")).isFalse();
        assertThat(b.parse("run1.x.1.2.3", "run1")).isFalse();
        assertThat(b.parse("hello", "run1")).isFalse();
        assertThat(MessageBody.msgOf(MessageBody.clientMsgId("run1", 7, 1234))).isEqualTo(1234);
        assertThat(MessageBody.msgOf("no-dots")).isEqualTo(-1);
        assertThat(ChatTemplate.safe(MessageBody.encode("run1", 1, 2, 3, 4))).isTrue();
        assertThat(ChatTemplate.safe("a\"b")).isFalse();
    }

    private ServerFrame read(Frame frame) throws Exception {
        return reader.read(Unpooled.wrappedBuffer(client.encode(frame)));
    }
}
