package io.tern.client;

/** Told of every change of {@link ConnectionState}. Called on the client's event thread. */
@FunctionalInterface
public interface ConnectionListener {
    /**
     * @param cause why the connection went away; null for {@link ConnectionState#CONNECTED} and for a close
     *              the application asked for
     */
    void onStateChanged(ConnectionState state, Throwable cause);
}
