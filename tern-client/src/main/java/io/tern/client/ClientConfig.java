package io.tern.client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Everything a {@link TernClient} needs. Build it with {@link #builder(URI, String, String)}; only the
 * server, the credentials and the message listener are required.
 *
 * @param deviceId        null lets the server pick one at the first login; the client then keeps it
 * @param pageSize        messages per catch-up page; null uses the server's default (100)
 * @param initialCursors  conversation to last delivered seq from an earlier run; null for a fresh device,
 *                        which gets only what no device of the user has received yet
 * @param ackDelay        how long acknowledgements of pushes may wait to be sent together (zero: after every
 *                        frame); {@value AckBatcher#MAX_PUSHES} waiting pushes are acknowledged at once
 */
public record ClientConfig(URI serverUri, String username, String password, String deviceId,
                           MessageListener messageListener, ConnectionListener connectionListener,
                           ActivityListener activityListener, Consumer<Throwable> errorListener,
                           Duration heartbeatInterval, Duration reconnectInitial, Duration reconnectMax, Integer pageSize,
                           Map<String, Long> initialCursors, LongSupplier ticker, Duration ackDelay) {
    public ClientConfig {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(messageListener, "messageListener");
        Objects.requireNonNull(connectionListener, "connectionListener");
        Objects.requireNonNull(activityListener, "activityListener");
        Objects.requireNonNull(errorListener, "errorListener");
        Objects.requireNonNull(ticker, "ticker");
        requirePositive(heartbeatInterval, "heartbeatInterval");
        requirePositive(reconnectInitial, "reconnectInitial");
        requirePositive(reconnectMax, "reconnectMax");
        if (reconnectInitial.compareTo(reconnectMax) > 0) {
            throw new IllegalArgumentException("reconnectInitial must not exceed reconnectMax");
        }
        if (pageSize != null && pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        Objects.requireNonNull(ackDelay, "ackDelay");
        if (ackDelay.isNegative() || ackDelay.compareTo(MAX_ACK_DELAY) > 0) {
            throw new IllegalArgumentException("ackDelay must be between 0 and " + MAX_ACK_DELAY.toMillis() + " ms");
        }
        initialCursors = initialCursors == null ? null : Map.copyOf(initialCursors);
    }

    /** The constructor of earlier versions: acknowledgements wait the default 200 ms. */
    public ClientConfig(URI serverUri, String username, String password, String deviceId,
                        MessageListener messageListener, ConnectionListener connectionListener,
                        ActivityListener activityListener, Consumer<Throwable> errorListener,
                        Duration heartbeatInterval, Duration reconnectInitial, Duration reconnectMax, Integer pageSize,
                        Map<String, Long> initialCursors, LongSupplier ticker) {
        this(serverUri, username, password, deviceId, messageListener, connectionListener, activityListener,
                errorListener, heartbeatInterval, reconnectInitial, reconnectMax, pageSize, initialCursors, ticker,
                DEFAULT_ACK_DELAY);
    }

    static final Duration DEFAULT_ACK_DELAY = Duration.ofMillis(200);

    /**
     * The longest {@code ackDelay}: well inside the server's first re-push of an unacknowledged message
     * ({@code session.retryInitial}, 1 s by default), so that waiting acks never cause a re-push. A server
     * configured with a shorter {@code retryInitial} needs a client with a shorter delay (or zero).
     */
    public static final Duration MAX_ACK_DELAY = Duration.ofMillis(500);

    public static Builder builder(URI serverUri, String username, String password) {
        return new Builder(serverUri, username, password);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds a {@link ClientConfig}; every setter has a sensible default except the message listener. */
    public static final class Builder {
        private final URI serverUri;
        private final String username;
        private final String password;
        private String deviceId;
        private MessageListener messageListener;
        private ConnectionListener connectionListener = (state, cause) -> { };
        private ActivityListener activityListener = new ActivityListener() { };
        private Consumer<Throwable> errorListener = error -> { };
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration reconnectInitial = Duration.ofMillis(200);
        private Duration reconnectMax = Duration.ofSeconds(10);
        private Integer pageSize;
        private Map<String, Long> cursors;
        private LongSupplier ticker = System::nanoTime;
        private Duration ackDelay = DEFAULT_ACK_DELAY;

        private Builder(URI serverUri, String username, String password) {
            this.serverUri = serverUri;
            this.username = username;
            this.password = password;
        }

        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Builder messageListener(MessageListener listener) {
            this.messageListener = listener;
            return this;
        }

        public Builder connectionListener(ConnectionListener listener) {
            this.connectionListener = listener;
            return this;
        }

        /** Read receipts and typing notices of other users; ignored by default. */
        public Builder activityListener(ActivityListener listener) {
            this.activityListener = listener;
            return this;
        }

        /** Problems that concern no single call: undecodable frames, failed listeners, refused logins. */
        public Builder errorListener(Consumer<Throwable> listener) {
            this.errorListener = listener;
            return this;
        }

        /** How often to PING (default 10 s); three intervals without a frame count as a dead connection. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = interval;
            return this;
        }

        /** Reconnect delays double from {@code initial} (default 200 ms) up to {@code max} (default 10 s), jittered. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.reconnectInitial = initial;
            this.reconnectMax = max;
            return this;
        }

        public Builder pageSize(Integer pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** Cursors saved from {@link TernClient#cursors()} of an earlier run of this device. */
        public Builder cursors(Map<String, Long> cursors) {
            this.cursors = cursors;
            return this;
        }

        /**
         * Monotonic nanoseconds that heartbeats measure silence and typing notices their spacing with; default
         * {@link System#nanoTime}. A wall clock would misjudge both when it is stepped.
         */
        public Builder ticker(LongSupplier nanos) {
            this.ticker = nanos;
            return this;
        }

        /**
         * How long acknowledgements of pushes may wait so that one ACK per conversation covers several pushes
         * (default 200 ms, at most {@link ClientConfig#MAX_ACK_DELAY}; zero acknowledges after every frame). At
         * a few messages a second per conversation an ACK per push is half the frames a device and the server
         * handle; {@value AckBatcher#MAX_PUSHES} waiting pushes are acknowledged at once whatever the delay.
         */
        public Builder ackDelay(Duration delay) {
            this.ackDelay = delay;
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(serverUri, username, password, deviceId, messageListener, connectionListener,
                    activityListener, errorListener, heartbeatInterval, reconnectInitial, reconnectMax, pageSize,
                    cursors, ticker, ackDelay);
        }
    }
}
