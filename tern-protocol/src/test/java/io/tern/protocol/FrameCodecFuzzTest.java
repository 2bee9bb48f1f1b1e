package io.tern.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever bytes arrive, the decoders either return a frame or throw FrameDecodeException (which becomes an
 * ERROR frame); and a frame that decoded encodes to JSON that decodes to the same frame. In the normal suite
 * this runs the saved inputs and then fuzzes for a few seconds; see docs/security.md for a longer run.
 */
class FrameCodecFuzzTest {
    private static final FrameCodec SERVER = FrameCodec.forServer();
    private static final FrameCodec CLIENT = FrameCodec.forClient();

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"\"type\":", "80", "90", "100", "102", "\"clientMsgId\":", "\"toId\":", "\"groupId\":",
            "\"content\":", "\"contentType\":", "\"cursors\":", "\"conversationId\":", "\"seq\":", "\"afterSeq\":",
            "\"beforeSeq\":", "\"limit\":", "\"msgId\":", "p:1:2", "g:1", "1e400", "-1", "null", "true", "[]", "{}"})
    void decode_returnsFrameOrDecodeError_andRoundTrips(FuzzedDataProvider data) throws Exception {
        FrameCodec codec = data.consumeBoolean() ? SERVER : CLIENT;
        byte[] input = data.consumeRemainingAsBytes();
        Frame frame;
        try {
            frame = codec.decode(input);
        } catch (FrameDecodeException expected) {
            assertThat(expected.code()).isNotNull();
            assertThat(expected.toErrorFrame().message()).isNotNull();
            return;
        }
        assertThat(frame).isNotNull();
        assertThat(codec.decode(codec.encode(frame))).isEqualTo(frame);
    }
}
