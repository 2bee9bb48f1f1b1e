package io.tern.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.Frame;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.FrameDecodeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A raw WebSocket client for tests: sends JSON text, queues every decoded frame, records the close. */
public final class WsTestClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final FrameCodec CODEC = FrameCodec.forClient();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final List<Frame> skipped = new ArrayList<>();
    private volatile WebSocket socket;

    private WsTestClient() {
    }

    public static WsTestClient connect(String url) {
        return connect(url, null);
    }

    public static WsTestClient connect(String url, String bearer) {
        WsTestClient client = new WsTestClient();
        client.socket = client.open(url, bearer).join();
        return client;
    }

    /** The HTTP status of a refused handshake, or -1 if it was accepted (the socket is then closed again). */
    public static int handshakeStatus(String url, String bearer) {
        WsTestClient client = new WsTestClient();
        try {
            client.open(url, bearer).join().abort();
            return -1;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException hs) {
                return hs.getResponse().statusCode();
            }
            throw e;
        }
    }

    private CompletableFuture<WebSocket> open(String url, String bearer) {
        WebSocket.Builder builder = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder.buildAsync(URI.create(url), new Listener());
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    public void send(Frame frame) {
        send(CODEC.encodeToString(frame));
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /**
     * The oldest unconsumed frame of this type; frames that do not match stay unconsumed (see
     * {@link #skipped()}) and are found by later calls.
     */
    public <T extends Frame> T next(Class<T> type) {
        return next(type, f -> true);
    }

    public <T extends Frame> T next(Class<T> type, Predicate<T> matching) {
        for (java.util.Iterator<Frame> it = skipped.iterator(); it.hasNext(); ) {
            Frame f = it.next();
            if (type.isInstance(f) && matching.test(type.cast(f))) {
                it.remove();
                return type.cast(f);
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Frame f;
            try {
                f = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (f == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT + "; skipped: " + skipped);
            }
            if (type.isInstance(f) && matching.test(type.cast(f))) {
                return type.cast(f);
            }
            skipped.add(f);
        }
    }

    /**
     * The oldest unconsumed frame of any type (frames skipped by {@link #next} first, in arrival order), or
     * null if none arrives within the timeout. For tests that process every frame themselves, in order.
     */
    public Frame poll(Duration timeout) {
        if (!skipped.isEmpty()) {
            return skipped.remove(0);
        }
        try {
            return frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asserts that no unconsumed frame of the type is here once a PING round trip has completed. */
    public <T extends Frame> void assertNoFrame(Class<T> type) {
        send("{\"type\":40}");
        next(io.tern.protocol.Pong.class);
        frames.drainTo(skipped);
        assertThat(skipped).noneMatch(type::isInstance);
    }

    /** Pulls a conversation forwards after {@code afterSeq}, page by page, until the server says there is no more. */
    public List<io.tern.protocol.ChatPush> pullAll(String conversationId, long afterSeq, Integer pageSize) {
        List<io.tern.protocol.ChatPush> got = new ArrayList<>();
        long after = afterSeq;
        boolean more = true;
        while (more) {
            send(io.tern.protocol.Pull.after(conversationId, after, pageSize));
            io.tern.protocol.PullResp page = next(io.tern.protocol.PullResp.class);
            assertThat(page.messages().size()).isLessThanOrEqualTo(pageSize == null ? 100 : pageSize);
            got.addAll(page.messages());
            if (!page.messages().isEmpty()) {
                after = page.messages().get(page.messages().size() - 1).seq();
            }
            more = page.hasMore();
        }
        return got;
    }

    /** Frames received but not consumed by {@link #next}. */
    public List<Frame> skipped() {
        return skipped;
    }

    /** Completes with the close status code when the server closes (1006 for an abrupt close). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the connection without a close handshake. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    frames.add(CODEC.decode(text.toString()));
                } catch (FrameDecodeException e) {
                    throw new AssertionError("server sent an undecodable frame: " + text, e);
                } finally {
                    text.setLength(0);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(1006);
        }
    }
}
