package io.tern.protocol;

/** KICK (12), server to client: the server is about to close this session, and why. */
public record Kick(String reason) implements Frame {
    /** A newer session of the same device, or (policy KICK_OLD) of the same user, replaced this one. */
    public static final String REPLACED = "replaced";
    /** The token of this session was revoked by logout. */
    public static final String LOGGED_OUT = "logged-out";
    /** The connection left pushes unacknowledged past the ack deadline. */
    public static final String ACK_TIMEOUT = "ack-timeout";
    /** The connection has too many unacknowledged pushes; catch up after reconnecting. */
    public static final String SLOW_CONSUMER = "slow-consumer";
    /** The server is shutting down. */
    public static final String SHUTDOWN = "shutdown";
    /**
     * The node is draining or rebalancing: reconnect at once through {@code POST /api/reconnect} (avoiding this
     * node's URL), resend what was not acknowledged and SYNC, as after any reconnect.
     */
    public static final String MOVED = "moved";

    @Override
    public int type() {
        return FrameType.KICK;
    }
}
