package io.tern.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection. The JDK calls the listener on its own threads; everything is handed to the
 * client's event executor, in arrival order. Sends are queued because the JDK allows only one outstanding
 * send per socket. Apart from the listener methods, use only on the event thread.
 */
final class WsConnection implements WebSocket.Listener {
    /** What the connection reports, always on the event thread. */
    interface Handler {
        void onText(WsConnection connection, String text);

        void onClosed(WsConnection connection, Throwable cause);
    }

    /** How long a polite close may take: the queued frames and the close frame. */
    static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Executor events;
    private final Handler handler;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private final ArrayDeque<String> early = new ArrayDeque<>();
    private boolean started;
    private Throwable failure;
    private volatile WebSocket socket;
    private boolean sending;
    /** The last text handed to the socket; the JDK allows one outstanding send at a time. */
    private CompletableFuture<WebSocket> inFlight;
    private boolean closed;

    private WsConnection(Executor events, Handler handler) {
        this.events = events;
        this.handler = handler;
    }

    /**
     * Opens the socket, or fails with the handshake's failure. Nothing reaches the handler before
     * {@link #start()}.
     */
    static CompletableFuture<WsConnection> open(HttpClient http, URI uri, Executor events, Handler handler) {
        WsConnection connection = new WsConnection(events, handler);
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, connection)
                .thenApply(ws -> connection);
    }

    /**
     * Starts handing received frames to the handler. Frames can arrive before the open future's callback
     * runs on the event thread; they wait here so none is lost or reordered.
     */
    void start() {
        started = true;
        while (!early.isEmpty()) {
            handler.onText(this, early.pollFirst());
        }
        if (failure != null) {
            handler.onClosed(this, failure);
        }
    }

    void send(String text) {
        if (closed) {
            return;
        }
        queue.addLast(text);
        pump();
    }

    /**
     * Closes politely and then for sure: what is queued still goes out (the acknowledgements a closing client
     * flushes last, one frame per conversation), then the close frame, all within {@link #CLOSE_WAIT_MILLIS}.
     * Blocks the event thread for at most that long; the send completions it waits for run on the HTTP
     * client's threads.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        WebSocket ws = socket;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            if (inFlight != null) {
                inFlight.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            while (!queue.isEmpty()) {
                ws.sendText(queue.pollFirst(), true).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // the abort below ends it either way
        }
        ws.abort();
    }

    /** Drops the TCP connection without a close frame, as a network failure would. */
    void abort() {
        closed = true;
        socket.abort();
    }

    private void pump() {
        if (sending || closed || queue.isEmpty()) {
            return;
        }
        sending = true;
        inFlight = socket.sendText(queue.pollFirst(), true);
        inFlight.whenComplete((ws, err) -> post(() -> {
            sending = false;
            if (err != null) {
                fail(err);
            } else {
                pump();
            }
        }));
    }

    private void fail(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        socket.abort();
        if (started) {
            handler.onClosed(this, cause);
        } else {
            failure = cause;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            post(() -> {
                if (started && !closed) {
                    handler.onText(this, text);
                } else if (!started) {
                    early.addLast(text);
                }
            });
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        post(() -> fail(new java.io.IOException("closed by the server: " + statusCode + " " + reason)));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        post(() -> fail(error));
    }

    private void post(Runnable task) {
        events.execute(task); // the client's executor drops tasks quietly once it is closed
    }
}
