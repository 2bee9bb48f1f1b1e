package io.tern.server.core.session;

import io.tern.server.core.account.Principal;
import io.tern.server.core.message.Message;

/** One logged-in device on one connection. */
public final class DeviceSession {
    private final long id;
    private final Principal principal;
    private final Connection connection;
    private final Outbox outbox;

    public DeviceSession(long id, Principal principal, Connection connection, Outbox outbox) {
        this.id = id;
        this.principal = principal;
        this.connection = connection;
        this.outbox = outbox;
    }

    public long id() {
        return id;
    }

    public long userId() {
        return principal.userId();
    }

    public String deviceId() {
        return principal.deviceId();
    }

    public Principal principal() {
        return principal;
    }

    public Connection connection() {
        return connection;
    }

    /** The outbox; only to be used on {@code connection().executor()}. */
    public Outbox outbox() {
        return outbox;
    }

    /** Pushes a stored message; safe from any thread. */
    public void push(Message message, byte[] encoded) {
        connection.executor().execute(() -> outbox.push(message, encoded));
    }

    @Override
    public String toString() {
        return "session " + id + " of user " + userId() + " device " + deviceId();
    }
}
