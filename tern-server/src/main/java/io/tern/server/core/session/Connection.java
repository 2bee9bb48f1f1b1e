package io.tern.server.core.session;

import io.tern.protocol.Frame;
import java.util.concurrent.ScheduledExecutorService;

/** Port: one client connection, as the domain sees it. Every method may be called from any thread. */
public interface Connection {
    void send(Frame frame);

    /** Writes a frame that was encoded once for many connections; the bytes must not be changed. */
    void sendEncoded(byte[] frame);

    /**
     * Queues a frame encoded once for many connections without sending it yet: a task that pushes many frames
     * sends each connection's with one {@link #flush()} instead of one system call per frame. Call on {@link
     * #executor()}.
     */
    default void write(byte[] frame) {
        sendEncoded(frame);
    }

    /**
     * Whether bytes written earlier are still waiting for the network (the device reads slower than it is sent to):
     * re-sending then only queues behind what it has not read yet. Call on {@link #executor()}.
     */
    default boolean backlogged() {
        return false;
    }

    /** Sends what {@link #write(byte[])} queued. Call on {@link #executor()}. */
    default void flush() {
    }

    /**
     * Writes an ephemeral notice (typing, reads, presence) encoded once for many connections: written at once on a
     * socket; a long-poll device keeps a few for its next poll.
     */
    default void notice(byte[] frame) {
        sendEncoded(frame);
    }

    /** Sends the refusal as an ERROR, then closes: the cluster refused the session after it opened here. */
    default void refuse(io.tern.server.core.TernException refusal) {
        send(io.tern.protocol.ErrorFrame.of(refusal.code(), refusal.getMessage(), null, null));
    }

    /** Sends KICK with the reason, then closes. */
    void kick(String reason);

    /** The single thread this connection's state is confined to; also schedules its timers. */
    ScheduledExecutorService executor();
}
