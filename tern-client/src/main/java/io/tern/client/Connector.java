package io.tern.client;

import io.tern.protocol.Frame;
import io.tern.protocol.FrameCodec;
import io.tern.protocol.FrameDecodeException;
import io.tern.protocol.HeartbeatTimeout;
import io.tern.protocol.Kick;
import io.tern.protocol.Ping;
import io.tern.protocol.Pong;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one logged-in WebSocket open: HTTP login, handshake, heartbeats, and reconnecting with backoff after
 * any loss until told to stop or kicked for good. Handles the transport frames itself (PING, PONG, KICK,
 * HEARTBEAT_TIMEOUT) and passes the rest to the {@link Session}. Confined to the client's event thread.
 */
final class Connector implements WsConnection.Handler {
    /** The application side of a connection. */
    interface Session {
        /** A connection is open; send what must go first. */
        void onOpen();

        void onFrame(Frame frame);

        /** The connection is gone; another may follow. */
        void onLost();

        /** No connection will follow. */
        void onStopped(TernClientException cause);
    }

    private static final Logger log = LoggerFactory.getLogger(Connector.class);
    /**
     * A moved or stopping node's clients reconnect within this (at random, so a node's thousands of clients do not
     * arrive in the same millisecond), not after a backoff step: nothing failed, another node is ready.
     */
    private static final long MOVE_JITTER_MILLIS = 250;

    private final ClientConfig config;
    private final Dialer dialer;
    private final ScheduledExecutorService scheduler;
    private final Executor events;
    private final Backoff backoff;
    private final Session session;
    private final Heartbeat heartbeat;
    private final FrameCodec codec = FrameCodec.forClient();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private WsConnection current;
    private ConnectionState reported;
    private boolean started;
    private boolean stopped;
    private long attemptId;
    private int failures;
    private ScheduledFuture<?> retry;

    /**
     * @param scheduler the client's single event thread
     * @param events    the same thread for hand-offs, dropping tasks quietly once the client is closed
     */
    Connector(ClientConfig config, Dialer dialer, ScheduledExecutorService scheduler, Executor events,
              Backoff backoff, Session session) {
        this.config = config;
        this.dialer = dialer;
        this.scheduler = scheduler;
        this.events = events;
        this.backoff = backoff;
        this.session = session;
        this.heartbeat = new Heartbeat(scheduler, config.ticker(), config.heartbeatInterval());
    }

    /** Starts connecting; completes once the first connection has synced. */
    CompletableFuture<Void> start() {
        if (!started && !stopped) {
            started = true;
            attempt();
        }
        return ready;
    }

    /** The session finished its first exchange (SYNC): the connection is good. */
    void synced() {
        failures = 0;
        ready.complete(null);
    }

    boolean isOpen() {
        return current != null;
    }

    /**
     * Runs the task on the event thread after the reconnect backoff for the given attempt (0 first), unless the
     * client stops first. For retrying sends the server could not store yet (STORE_UNAVAILABLE).
     */
    void afterBackoff(int attempt, Runnable task) {
        if (!stopped) {
            scheduler.schedule(() -> {
                if (!stopped) {
                    task.run();
                }
            }, backoff.delayMillis(attempt), TimeUnit.MILLISECONDS);
        }
    }

    void send(Frame frame) {
        if (current != null) {
            current.send(codec.encodeToString(frame));
        }
    }

    long userId() {
        return dialer.userId();
    }

    /** Drops the connection without a goodbye, as a network failure would, and connects again. */
    void reconnect(Throwable cause) {
        if (current != null) {
            lost(current, cause);
        }
    }

    /** Stops for good: the application closed the client. */
    void stop() {
        if (current != null) {
            current.close();
        }
        halt(TernClientException.local("CLOSED", "the client was closed"), null);
    }

    private void attempt() {
        long id = ++attemptId;
        dialer.dial(this).whenCompleteAsync((connection, err) -> {
            if (id != attemptId || stopped) {
                if (connection != null) {
                    connection.abort();
                }
            } else if (err == null) {
                onOpen(connection);
            } else if (Dialer.isRefusal(err)) {
                TernClientException refused = (TernClientException) Dialer.unwrap(err);
                config.errorListener().accept(refused);
                halt(refused, refused);
            } else {
                retryLater(Dialer.unwrap(err));
            }
        }, events);
    }

    private void onOpen(WsConnection connection) {
        current = connection;
        heartbeat.start(() -> send(new Ping()), silent -> reconnect(
                new IOException("nothing heard from the server for " + silent + " ms")));
        report(ConnectionState.CONNECTED, null);
        session.onOpen();
        connection.start();
    }

    @Override
    public void onText(WsConnection connection, String text) {
        if (connection != current) {
            return;
        }
        heartbeat.heard();
        Frame frame;
        try {
            frame = codec.decode(text);
        } catch (FrameDecodeException e) {
            config.errorListener().accept(TernClientException.of(e.code(), e.getMessage(), 0));
            return;
        }
        if (frame instanceof Ping) {
            send(new Pong());
        } else if (frame instanceof Kick kick) {
            onKick(connection, kick);
        } else if (frame instanceof HeartbeatTimeout) {
            lost(connection, new IOException("the server saw no heartbeat in time"));
        } else if (!(frame instanceof Pong)) {
            session.onFrame(frame);
        }
    }

    @Override
    public void onClosed(WsConnection connection, Throwable cause) {
        if (connection == current) {
            lost(connection, cause);
        }
    }

    private void onKick(WsConnection connection, Kick kick) {
        TernClientException cause = TernClientException.local("KICKED", kick.reason());
        if (Kick.REPLACED.equals(kick.reason()) || Kick.LOGGED_OUT.equals(kick.reason())) {
            connection.abort();
            halt(cause, cause);
        } else if (Kick.MOVED.equals(kick.reason()) || Kick.SHUTDOWN.equals(kick.reason())) {
            // the node is draining, rebalancing or stopping: another node takes us at once, no backoff
            connection.abort();
            current = null;
            cancelTimers();
            session.onLost();
            dialer.leave();
            report(ConnectionState.RECONNECTING, cause);
            long delay = (long) (Math.random() * Math.min(MOVE_JITTER_MILLIS, config.reconnectInitial().toMillis()));
            retry = scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
        } else {
            lost(connection, cause);
        }
    }

    private void lost(WsConnection connection, Throwable cause) {
        connection.abort();
        current = null;
        cancelTimers();
        session.onLost();
        retryLater(cause);
    }

    private void retryLater(Throwable cause) {
        if (stopped) {
            return;
        }
        report(ConnectionState.RECONNECTING, cause);
        long delay = backoff.delayMillis(failures++);
        log.debug("{}: connecting again in {} ms after: {}", config.username(), delay, cause.toString());
        retry = scheduler.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    /** Ends all connecting; {@code reportedCause} is what the connection listener is told (null: asked for). */
    private void halt(TernClientException cause, Throwable reportedCause) {
        if (stopped) {
            return;
        }
        stopped = true;
        attemptId++;
        cancelTimers();
        boolean wasOpen = current != null;
        current = null;
        if (wasOpen) {
            session.onLost();
        }
        // The state is reported before futures fail, so code woken by a failed future sees it.
        report(ConnectionState.DISCONNECTED, reportedCause);
        session.onStopped(cause);
        ready.completeExceptionally(cause);
    }

    private void cancelTimers() {
        heartbeat.stop();
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void report(ConnectionState state, Throwable cause) {
        if (state == reported) {
            return;
        }
        reported = state;
        try {
            config.connectionListener().onStateChanged(state, cause);
        } catch (RuntimeException e) {
            config.errorListener().accept(e);
        }
    }
}
