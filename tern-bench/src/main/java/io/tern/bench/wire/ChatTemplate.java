package io.tern.bench.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * A CHAT (80) frame to one user or one group, filled in per message. It is not built through
 * {@code FrameCodec.encode(new ChatSend(...))} because ChatSend's constructor parses the content to check
 * its contentType: a second JSON parse per message that the load generator would take from the server's
 * CPU. The text put in is restricted to characters that need no JSON escaping, and a unit test decodes
 * the result with {@code FrameCodec.forServer()}.
 */
public final class ChatTemplate {
    private final String head;

    private ChatTemplate(String head) {
        this.head = head;
    }

    /** One-to-one: {@code {"type":80,"toId":N,...}}. The baseline relay reads the same {@code toId}. */
    public static ChatTemplate toUser(long toId) {
        return new ChatTemplate("{\"type\":80,\"toId\":" + toId + ",\"clientMsgId\":\"");
    }

    public static ChatTemplate toGroup(long groupId) {
        return new ChatTemplate("{\"type\":80,\"groupId\":" + groupId + ",\"clientMsgId\":\"");
    }

    /** The frame text; {@code clientMsgId} and {@code text} must be plain ASCII without quotes or backslashes. */
    public String text(CharSequence clientMsgId, CharSequence text) {
        return head + clientMsgId + "\",\"content\":{\"contentType\":1,\"body\":\"" + text + "\"}}";
    }

    public ByteBuf encode(ByteBufAllocator alloc, CharSequence clientMsgId, CharSequence text) {
        String frame = text(clientMsgId, text);
        ByteBuf buf = alloc.buffer(frame.length());
        ByteBufUtil.writeAscii(buf, frame);
        return buf;
    }

    /** Whether {@code s} can go into the template unescaped. */
    public static boolean safe(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
