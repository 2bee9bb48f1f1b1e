package io.tern.server.core.push;

import java.util.concurrent.CompletableFuture;

/** Sends notifications to one platform. Must not block the caller; the future never completes exceptionally. */
public interface PushProvider extends AutoCloseable {
    Platform platform();

    CompletableFuture<PushResult> send(PushDevice device, Notification notification);

    @Override
    default void close() {
    }
}
