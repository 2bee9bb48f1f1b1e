package io.tern.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tern.protocol.ChatSend;
import io.tern.protocol.ContentRules;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.RawJson;
import io.tern.protocol.Read;
import io.tern.protocol.Typing;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A Tern client: one user on one device. Create it, {@link #connect()}, {@link #send} messages, and get every
 * message through the {@link MessageListener}; {@link #close()} when done.
 *
 * <p>Thread-safe. All work runs on one event thread owned by this client: listener callbacks, and the
 * completion of every future it returns except {@link #register()}'s, so code chained on those futures runs
 * there too and must not block (calling {@code join()} on another of this client's futures from there would
 * wait forever).
 */
public final class TernClient implements AutoCloseable {
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ScheduledExecutorService events;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final HttpApi api;
    private final ClientSession session;
    private final Connector connector;
    private final Dialer dialer;
    private final Directory directory;
    private final MediaClient media;
    private final ClientConfig config;
    private final Executor handOff;
    private volatile Thread eventThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TernClient(ClientConfig config) {
        this(config, null);
    }

    /** {@code ackTimer} null: acknowledgements wait on the client's event thread, as configured. */
    private TernClient(ClientConfig config, AckBatcher.Timer ackTimer) {
        this.config = config;
        int n = CLIENTS.incrementAndGet();
        this.events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tern-client-" + n + "-events");
            t.setDaemon(true);
            eventThread = t;
            return t;
        });
        AtomicInteger httpN = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tern-client-" + n + "-http-" + httpN.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .executor(httpThreads)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.api = new HttpApi(http, config.serverUri());
        this.session = new ClientSession(config, ackTimer != null ? ackTimer : (task, delayMillis) -> {
            try {
                ScheduledFuture<?> f = events.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            } catch (RejectedExecutionException e) {
                return () -> { }; // closed: the connection goes with it, and the next one starts with SYNC
            }
        });
        // Hand-offs from JDK threads after close() have nobody to run them; they are dropped.
        this.handOff = task -> {
            try {
                events.execute(task);
            } catch (RejectedExecutionException e) {
                // closed
            }
        };
        Backoff backoff = new Backoff(config.reconnectInitial(), config.reconnectMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.dialer = new Dialer(config, api, http, handOff);
        this.connector = new Connector(config, dialer, events, handOff, backoff, session);
        session.attach(connector);
        this.directory = new Directory(api, () -> onEvents(dialer::token),
                refused -> onEvents(() -> dialer.relogin(refused)));
        this.media = new MediaClient(api, () -> onEvents(dialer::token),
                refused -> onEvents(() -> dialer.relogin(refused)), this::send);
    }

    /**
     * Changes the user's password. Every other device of the user is logged out (their tokens are revoked);
     * this client keeps its login and uses the new password when it must log in again. Fails with
     * {@code WRONG_PASSWORD} if {@code currentPassword} is wrong.
     */
    public CompletableFuture<Void> changePassword(String currentPassword, String newPassword) {
        Map<String, String> body = Map.of("currentPassword", currentPassword, "newPassword", newPassword);
        return onEvents(dialer::token)
                .thenCompose(token -> api.post("api/password", body, token))
                .thenCompose(ok -> onEvents(() -> {
                    dialer.passwordChanged(newPassword);
                    return CompletableFuture.<Void>completedFuture(null);
                }));
    }

    /**
     * Logs out every device of the user, this one included: all tokens are revoked, and this client's
     * connection ends for good (state DISCONNECTED, KICK {@code logged-out}). Completes with the number of tokens
     * revoked.
     */
    public CompletableFuture<Integer> logoutAll() {
        return onEvents(dialer::token)
                .thenCompose(token -> api.post("api/logout-all", Map.of(), token))
                .thenApply(body -> body.path("revoked").asInt());
    }

    public static TernClient create(ClientConfig config) {
        return new TernClient(config);
    }

    /** Test hook: acknowledgements wait on this timer instead of the event thread's. */
    static TernClient create(ClientConfig config, AckBatcher.Timer ackTimer) {
        return new TernClient(config, ackTimer);
    }

    /** Registers the configured username and password; completes with the new user id. */
    public CompletableFuture<Long> register() {
        return api.register(config.username(), config.password());
    }

    /**
     * Registers with an invite code, for a server whose sign-up is invite-only ({@code auth.registration=INVITE};
     * without a valid code it fails with INVITE_INVALID).
     */
    public CompletableFuture<Long> register(String invite) {
        return api.register(config.username(), config.password(), invite);
    }

    /**
     * Logs in and opens the connection; completes when the server has answered the first SYNC (catch-up
     * pages may still be arriving). Fails only if the credentials are refused or the client is closed; while
     * the server cannot be reached the client keeps trying. Calling it again returns the same future.
     */
    public CompletableFuture<Void> connect() {
        return onEvents(connector::start);
    }

    /** Sends a text message ({@code {"contentType":1,"body":text}}) to a user. */
    public CompletableFuture<Sent> send(long toId, String text) {
        ObjectNode content = FrameCodec.mapper().createObjectNode();
        content.put("contentType", ContentRules.TEXT).put("body", text);
        return send(toId, content);
    }

    /** Sends any content; it must be a JSON object with a positive integer {@code contentType}. */
    public CompletableFuture<Sent> send(long toId, JsonNode content) {
        return send(toId, new RawJson(content.toString()));
    }

    /**
     * Sends content given as JSON text. Completes with the stored message's msgId and seq, or fails with a
     * {@link TernClientException} carrying the server's error. A send not yet answered when the connection
     * drops is sent again after reconnecting and still stored only once. Only STORE_UNAVAILABLE and
     * UNAVAILABLE are retried; every other error, IDEMPOTENCY_CONFLICT included (a clientMsgId already used
     * for another message — the random ids of this client make that practically impossible), fails the
     * future at once, so a conflicting resend can never loop.
     *
     * @throws IllegalArgumentException if the content is not an object with a valid {@code contentType}
     */
    public CompletableFuture<Sent> send(long toId, RawJson content) {
        ChatSend frame = new ChatSend(UUID.randomUUID().toString(), toId, null, content);
        return onEvents(() -> session.send(frame));
    }

    /** Sends a text message to a group the user is a member of; its conversation is {@code g:<groupId>}. */
    public CompletableFuture<Sent> sendToGroup(long groupId, String text) {
        ObjectNode content = FrameCodec.mapper().createObjectNode();
        content.put("contentType", ContentRules.TEXT).put("body", text);
        return sendToGroup(groupId, new RawJson(content.toString()));
    }

    /** Sends any content to a group; otherwise as {@link #send(long, RawJson)}. */
    public CompletableFuture<Sent> sendToGroup(long groupId, RawJson content) {
        ChatSend frame = ChatSend.toGroup(UUID.randomUUID().toString(), groupId, content);
        return onEvents(() -> session.send(frame));
    }

    /**
     * Tells the server the user has read the conversation up to {@code seq}: it moves the unread count, the
     * user's other devices and, one-to-one, the other side are told (see {@link ActivityListener#onRead}).
     * Sent with the next connection if there is none now. The server answers nothing; a refusal (such as
     * {@code NOT_A_MEMBER}) goes to the error listener. Does nothing once the client is closed.
     *
     * @throws IllegalArgumentException for a missing conversation id or a negative seq
     */
    public void markRead(String conversationId, long seq) {
        Read read = new Read(conversationId, seq);
        handOff.execute(() -> session.markRead(read));
    }

    /**
     * Tells the other members that the user is typing in the conversation. Call it freely, on every keystroke
     * if convenient: the client sends at most one notice a second per conversation, and none while
     * disconnected or closed.
     *
     * @throws IllegalArgumentException for a missing or over-long conversation id
     */
    public void typing(String conversationId) {
        Typing typing = new Typing(conversationId);
        handOff.execute(() -> session.typing(typing));
    }

    /** Uploads, image and file messages, downloads; usable once {@link #connect()} has logged in. */
    public MediaClient media() {
        return media;
    }

    /** Users, groups and conversations over the HTTP API; usable once {@link #connect()} has logged in. */
    public Directory directory() {
        return directory;
    }

    /**
     * One page of a conversation's messages before {@code beforeSeq} (use {@link Long#MAX_VALUE} for the
     * newest), oldest first. Needs an open connection. These messages are not passed to the listener.
     */
    public CompletableFuture<HistoryPage> pullHistory(String conversationId, long beforeSeq, int limit) {
        if (beforeSeq < 0 || limit < 1) {
            throw new IllegalArgumentException("beforeSeq must be >= 0 and limit >= 1");
        }
        return onEvents(() -> session.pullHistory(conversationId, beforeSeq, limit));
    }

    /** Conversation to the last seq delivered to the listener: what to save to resume later. */
    public Map<String, Long> cursors() {
        return session.cursors();
    }

    /** Edit, recall, react, reply and mention (docs/message-lifecycle.md); use after the first login. */
    public MessageActions actions() {
        return new MessageActions(this, userId());
    }

    /** The logged-in user's id; 0 before the first login. */
    public long userId() {
        return connector.userId();
    }

    /** Stops connecting, closes the connection and ends the client's threads. Unfinished futures fail. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (Thread.currentThread() == eventThread) {
            session.flushAcks(); // what arrived in the last moments is acknowledged, not offered again later
            connector.stop();
            events.shutdown(); // the thread ends when this callback returns
        } else {
            try {
                events.submit(() -> {
                    session.flushAcks(); // what arrived in the last moments is acknowledged, not offered again
                    connector.stop();
                }).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // stopping failed or timed out; the threads go down regardless
            }
            events.shutdown();
            awaitEventThread();
        }
        stopHttpClient();
        httpThreads.shutdownNow();
    }

    /** Test hook: drops the WebSocket abruptly, as a network failure would; the client reconnects. */
    void dropConnection() {
        events.execute(() -> connector.reconnect(new IOException("connection dropped")));
    }

    private <T> CompletableFuture<T> onEvents(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            events.execute(() -> {
                try {
                    task.get().whenComplete((value, err) -> {
                        if (err != null) {
                            result.completeExceptionally(err);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(TernClientException.local("CLOSED", "the client was closed"));
        }
        return result;
    }

    /** JDK 21+ can end the HttpClient's selector thread now; on 17 it ends once the client is collected. */
    private void stopHttpClient() {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(http);
        } catch (ReflectiveOperationException e) {
            // JDK 17: nothing to call
        }
    }

    /** Returns once the event thread has ended, not only its tasks, so no thread outlives close(). */
    private void awaitEventThread() {
        try {
            if (events.awaitTermination(5, TimeUnit.SECONDS) && eventThread != null) {
                eventThread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
