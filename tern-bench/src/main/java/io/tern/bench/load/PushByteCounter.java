package io.tern.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.tern.bench.net.FrameSink;
import io.tern.bench.wire.ClientFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member's connection in the image-push scenario: measures the WebSocket payload of the CHAT push that
 * names the media (the first one; re-pushes are counted apart) and of everything received once armed, and
 * acks the push at once so the server has no reason to push it again.
 */
final class PushByteCounter implements FrameSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String mediaId;
    private final CountDownLatch firstPushes;
    private volatile Channel channel;
    private volatile boolean armed;
    private final AtomicLong pushBytes = new AtomicLong(-1);
    private final AtomicInteger pushes = new AtomicInteger();
    private final AtomicLong windowBytes = new AtomicLong();

    PushByteCounter(String mediaId, CountDownLatch firstPushes) {
        this.mediaId = mediaId;
        this.firstPushes = firstPushes;
    }

    void arm() {
        armed = true;
    }

    @Override
    public void onOpen(Channel ch) {
        this.channel = ch;
    }

    @Override
    public void onText(ByteBuf content) {
        int n = content.readableBytes();
        if (armed) {
            windowBytes.addAndGet(n);
        }
        String text = content.toString(StandardCharsets.UTF_8);
        if (!text.contains(mediaId)) {
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (frame.path("type").asInt() != 80) {
            return;
        }
        if (pushes.incrementAndGet() == 1) {
            pushBytes.set(n);
            firstPushes.countDown();
        }
        Channel ch = channel;
        ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ClientFrames.ack(
                frame.path("conversationId").asText(), frame.path("seq").asLong()))), ch.voidPromise());
    }

    @Override
    public void onReadComplete() {
        // acks are flushed as they are written: one push per connection
    }

    @Override
    public void onClosed() {
        // a closed connection shows as a missing push
    }

    long pushBytes() {
        return pushBytes.get();
    }

    int pushes() {
        return pushes.get();
    }

    long windowBytes() {
        return windowBytes.get();
    }
}
