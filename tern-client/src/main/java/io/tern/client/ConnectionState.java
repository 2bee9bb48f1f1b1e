package io.tern.client;

/** Where the client's connection stands, as reported to a {@link ConnectionListener}. */
public enum ConnectionState {
    /** The WebSocket is open and logged in; catch-up has started. */
    CONNECTED,
    /** The connection was lost or could not be made; the client will try again after a backoff. */
    RECONNECTING,
    /** Final: the client was closed, kicked for good, or its credentials were refused. It will not retry. */
    DISCONNECTED
}
