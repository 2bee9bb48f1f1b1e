package io.tern.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final FrameCodec server = FrameCodec.forServer();
    private final FrameCodec client = FrameCodec.forClient();

    @Test
    void chat_decodesWithTypeAsNumberOrNumericString() throws Exception {
        String body = "\"clientMsgId\":\"c1\",\"toId\":2,\"content\":{\"contentType\":1,\"body\":\"hi\"}";
        Frame asNumber = server.decode("{\"type\":80," + body + "}");
        Frame asString = server.decode("{\"type\":\"80\"," + body + ",\"extra\":true}");

        assertThat(asNumber).isEqualTo(asString).isInstanceOf(ChatSend.class);
        ChatSend chat = (ChatSend) asNumber;
        assertThat(chat.toId()).isEqualTo(2L);
        assertThat(chat.content().tree().get("body").asText()).isEqualTo("hi");
    }

    @Test
    void push_roundTripsWithContentVerbatim() throws Exception {
        ChatPush push = new ChatPush("m1", "p:1:2", 7, 1, 2L, 1000, "c1",
                new RawJson("{\"contentType\":2,\"url\":\"http://x/y.png\",\"pic\":{\"w\":3}}"));
        String json = client.encodeToString(push);

        assertThat(json).contains("\"type\":80").contains("\"content\":{\"contentType\":2,\"url\":\"http://x/y.png\",\"pic\":{\"w\":3}}");
        assertThat(client.decode(json)).isEqualTo(push);
    }

    @Test
    void malformedJson_isBadFrame() {
        assertCode("{\"type\":80,", ErrorCode.BAD_FRAME);
        assertCode("[1,2]", ErrorCode.BAD_FRAME);
        assertCode("{\"type\":40} trailing", ErrorCode.BAD_FRAME);
    }

    @Test
    void invalidUtf8_isBadFrame() {
        byte[] bytes = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> server.decode(bytes))
                .isInstanceOfSatisfying(FrameDecodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
    }

    @Test
    void unknownOrMissingType_isUnknownType() {
        assertCode("{\"type\":12345}", ErrorCode.UNKNOWN_TYPE);
        assertCode("{\"type\":0}", ErrorCode.UNKNOWN_TYPE);
        assertCode("{\"no\":1}", ErrorCode.UNKNOWN_TYPE);
        assertCode("{\"type\":\"abc\"}", ErrorCode.UNKNOWN_TYPE);
        assertCode("{\"type\":81}", ErrorCode.UNKNOWN_TYPE);
    }

    @Test
    void missingOrWrongFields_areInvalidFieldAndEchoClientMsgId() {
        assertThatThrownBy(() -> server.decode("{\"type\":80,\"clientMsgId\":\"c9\",\"content\":{\"contentType\":1}}"))
                .isInstanceOfSatisfying(FrameDecodeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
                    assertThat(e.clientMsgId()).isEqualTo("c9");
                    assertThat(e.getMessage()).contains("toId");
                });
        assertCode("{\"type\":80,\"clientMsgId\":\"c\",\"toId\":\"x\",\"content\":{\"contentType\":1}}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":80,\"clientMsgId\":\"c\",\"toId\":1.5,\"content\":{\"contentType\":1}}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":80,\"clientMsgId\":\"c\",\"toId\":2,\"content\":\"hi\"}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":80,\"clientMsgId\":\"c\",\"toId\":2,\"content\":{\"body\":\"x\"}}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":80,\"clientMsgId\":\"c\",\"toId\":-3,\"content\":{\"contentType\":1}}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":90,\"conversationId\":\"p:1:2\",\"seq\":-1}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":90}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":102,\"conversationId\":\"p:1:2\"}", ErrorCode.INVALID_FIELD);
        assertCode("{\"type\":100,\"cursors\":{\"p:1:2\":\"x\"}}", ErrorCode.INVALID_FIELD);
    }

    @Test
    void hugeNumbersAndDeepNesting_areRefused() {
        assertCode("{\"type\":90,\"conversationId\":\"p:1:2\",\"seq\":99999999999999999999999999}", ErrorCode.INVALID_FIELD);
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertCode("{\"type\":80,\"clientMsgId\":\"c\",\"toId\":2,\"content\":" + deep + "}", ErrorCode.BAD_FRAME);
    }

    @Test
    void serverFrames_roundTrip() throws Exception {
        List<Frame> frames = List.of(new LoginResp(1, "d"), new Kick(Kick.REPLACED), new HeartbeatTimeout(),
                new Ping(), new Pong(), new ChatResp("c", "m", "p:1:2", 3, 4), new AckResp(null, "p:1:2", 3L),
                ErrorFrame.of(ErrorCode.NO_SUCH_USER, "no user 9", "c", 80),
                new SyncResp(List.of(new ConversationSummary("p:1:2", 0, 3, 3, 30, null)), "r"),
                new PullResp("p:1:2", List.of(), false, null), new SyncHint(),
                new PresenceNotify(2, false, 1795447291474L), new PresenceNotify(2, true, null));
        for (Frame frame : frames) {
            assertThat(client.decode(client.encode(frame))).isEqualTo(frame);
        }
    }

    @Test
    void presenceNotify_leavesOutAnUntoldLastSeen() throws Exception {
        assertThat(client.encodeToString(new PresenceNotify(2, false, null)))
                .isEqualTo("{\"userId\":2,\"online\":false,\"type\":131}");
        assertThat(client.decode("{\"type\":131,\"userId\":2,\"online\":true,\"lastSeen\":5}"))
                .isEqualTo(new PresenceNotify(2, true, 5L));
    }

    @Test
    void clientFrames_roundTrip() throws Exception {
        List<Frame> frames = List.of(new Login("tok"), new Ping(), Ack.of("p:1:2", 5),
                new Ack("m1", null, null, true), new Sync(Map.of("p:1:2", 4L), "r1"), new Sync(null, null),
                Pull.after("p:1:2", 0, 100), new Pull("p:1:2", null, 50L, 20, "r"));
        for (Frame frame : frames) {
            assertThat(server.decode(server.encode(frame))).isEqualTo(frame);
        }
    }

    @Test
    void badFrameTexts_sayWhereTheJsonBroke_withoutParserInternals() {
        for (String json : List.of("{\"type\":abc}", "{\"type\":80,", "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "{\"type\":40} trailing", "{\"type\":80,\"clientMsgId\":\"c\",\"toId\":[1],\"content\":{}}",
                "{\"type\":80,\"clientMsgId\":{\"x\":1},\"toId\":2,\"content\":{\"contentType\":1,\"body\":\"x\"}}")) {
            assertThatThrownBy(() -> server.decode(json)).isInstanceOfSatisfying(FrameDecodeException.class, e ->
                    assertThat(e.getMessage()).as(json)
                            .doesNotContainIgnoringCase("jackson").doesNotContain("JSON String, Number")
                            .doesNotContain("token").doesNotContain("StreamReadConstraints").doesNotContain("java.")
                            .doesNotContain("Cannot deserialize").doesNotContain("(code "));
        }
        assertThatThrownBy(() -> server.decode("{\"type\":abc}"))
                .hasMessage("malformed JSON at line 1, column 9");
    }

    private void assertCode(String json, ErrorCode expected) {
        assertThatThrownBy(() -> server.decode(json))
                .isInstanceOfSatisfying(FrameDecodeException.class, e -> assertThat(e.code()).isEqualTo(expected));
    }
}
