package io.tern.bench.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Reads server frames with a streaming parser instead of {@code FrameCodec.forClient()}: the codec builds a
 * tree and a record per frame and re-serialises the content, which on a 2-core machine shared with the
 * server costs the server measurable CPU. The server writes {@code type} last, so every field is read
 * before the type is known. Not thread-safe: one reader per event-loop thread.
 */
public final class ServerFrameReader {
    private static final JsonFactory JSON = new JsonFactory();

    private final ServerFrame frame = new ServerFrame();
    private byte[] scratch = new byte[2048];

    /** Parses the frame in {@code buf} (not consumed). The returned holder is reused by the next call. */
    public ServerFrame read(ByteBuf buf) throws IOException {
        int length = buf.readableBytes();
        byte[] bytes;
        int offset;
        if (buf.hasArray()) {
            bytes = buf.array();
            offset = buf.arrayOffset() + buf.readerIndex();
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            buf.getBytes(buf.readerIndex(), scratch, 0, length);
            bytes = scratch;
            offset = 0;
        }
        return read(bytes, offset, length);
    }

    public ServerFrame read(byte[] bytes, int offset, int length) throws IOException {
        frame.reset();
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a frame must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> frame.type = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue()
                            : Integer.parseInt(p.getText());
                    case "clientMsgId" -> frame.clientMsgId = p.getText();
                    case "conversationId" -> frame.conversationId = p.getText();
                    case "seq" -> frame.seq = p.getLongValue();
                    case "fromId" -> frame.fromId = p.getLongValue();
                    case "code" -> frame.code = p.getIntValue();
                    case "error" -> frame.error = p.getText();
                    case "message" -> frame.message = p.getText();
                    case "refType" -> frame.refType = p.getIntValue();
                    case "reason" -> frame.reason = p.getText();
                    case "content" -> readContent(p, value);
                    default -> p.skipChildren();
                }
            }
        }
        return frame;
    }

    private void readContent(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("body".equals(name)) {
                frame.text = p.getText();
            } else {
                p.skipChildren();
            }
        }
    }
}
