package io.tern.client.cli;

import io.tern.client.TernClientException;
import io.tern.protocol.Kick;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Failures as a line for the user: why a command, a send or the connection did not work. */
final class Failures {
    /** Why the server closed the connection, by the reason of its KICK frame. */
    private static final Map<String, String> KICKS = Map.of(
            Kick.SHUTDOWN, "the server is shutting down",
            Kick.REPLACED, "logged in again with the same device id elsewhere",
            Kick.LOGGED_OUT, "logged out",
            Kick.ACK_TIMEOUT, "the server heard no acknowledgement in time",
            Kick.SLOW_CONSUMER, "too far behind in reading messages");

    private Failures() {
    }

    /** A failure as a line for the user: the deepest cause that says something, in plain words where known. */
    static String describe(Throwable failure) {
        Throwable t = failure;
        // Wrappers repeat their cause in their message; the cause says it better.
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TernClientException e && e.error().equals("KICKED")) {
            return KICKS.getOrDefault(e.getMessage().replaceFirst("^KICKED: ", ""), Formatter.clean(e.getMessage()));
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof HttpTimeoutException) {
            return "timed out";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : Formatter.clean(message);
    }
}
