package io.tern.client.cli;

import io.tern.client.ActivityListener;
import io.tern.client.ConnectionListener;
import io.tern.client.ConnectionState;
import io.tern.client.Message;
import io.tern.client.MessageListener;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Shows what the SDK reports: messages, read receipts, connection changes, errors. The SDK calls it on the
 * client's event thread, which must not block; everything is handed to the console's output thread, which
 * may look names up over HTTP and prints in the order things happened.
 *
 * <p>Messages can arrive while the login is still finishing (catch-up starts at once); the output thread
 * holds them until {@link #start} supplies the session, and drops them if the login is given up.
 */
final class Printer implements MessageListener, ConnectionListener, ActivityListener {
    private final Screen screen;
    private final Executor output;
    private final URI server;
    private final CompletableFuture<Chat> session = new CompletableFuture<>();
    private volatile boolean online;
    private boolean wasConnected; // output thread only

    Printer(Screen screen, Executor output, URI server) {
        this.screen = screen;
        this.output = output;
        this.server = server;
    }

    void start(Chat chat) {
        session.complete(chat);
    }

    /** The login was given up: what waits for the session is dropped. */
    void abandon() {
        session.cancel(false);
    }

    /** Runs a task on the output thread once the session is there. */
    void later(Consumer<Chat> task) {
        post(() -> {
            Chat chat;
            try {
                chat = session.join();
            } catch (CancellationException | CompletionException e) {
                return;
            }
            try {
                task.accept(chat);
            } catch (RuntimeException e) {
                screen.error(Failures.describe(e));
            }
        });
    }

    /** Waits (a little) until what was handed to the output thread so far is printed. */
    void drain() {
        try {
            CompletableFuture.runAsync(() -> { }, output).get(Await.SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // printing is stuck or over; quitting goes on regardless
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean online() {
        return online;
    }

    @Override
    public void onMessage(Message message) {
        later(chat -> {
            chat.screen().println(chat.formatter().message(message));
            // The user is looking at the open conversation: what arrives there counts as read.
            if (chat.isOpen(message.conversationId()) && message.fromId() != chat.me()) {
                chat.client().markRead(message.conversationId(), message.seq());
            }
        });
    }

    @Override
    public void onRead(String conversationId, long userId, long seq) {
        later(chat -> {
            // One-to-one receipts from the other side; receipts of the user's own other devices say nothing new.
            if (userId != chat.me() && Conversations.directMembers(conversationId) != null) {
                screen.notice(chat.formatter().read(chat.names().user(userId), seq));
            }
        });
    }

    @Override
    public void onStateChanged(ConnectionState state, Throwable cause) {
        online = state == ConnectionState.CONNECTED;
        post(() -> {
            switch (state) {
                case CONNECTED -> {
                    if (wasConnected) {
                        screen.notice("reconnected");
                    }
                    wasConnected = true;
                }
                case RECONNECTING -> screen.notice(wasConnected
                        ? "connection lost (" + Failures.describe(cause) + "); reconnecting..."
                        : "cannot reach " + server + " (" + Failures.describe(cause) + "); trying again...");
                case DISCONNECTED -> {
                    // A refused login is the login dialogue's to explain; a close the user asked for needs no word.
                    if (cause != null && session.isDone() && !session.isCancelled()) {
                        screen.notice("disconnected for good: " + Failures.describe(cause) + "; :q quits");
                    }
                }
            }
        });
    }

    /**
     * Problems the SDK reports outside any command. Those before the session starts are the login's (a
     * refused password), which the login dialogue explains itself.
     */
    void error(Throwable error) {
        if (session.isDone()) {
            later(chat -> screen.error(Failures.describe(error)));
        }
    }

    private void post(Runnable task) {
        try {
            output.execute(task);
        } catch (RejectedExecutionException e) {
            // the console is shutting down; nothing is shown any more
        }
    }
}
