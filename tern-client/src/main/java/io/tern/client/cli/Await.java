package io.tern.client.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for an SDK future from a console thread, never forever: a command must always give the prompt back. */
final class Await {
    static final long SECONDS = 15;

    private Await() {
    }

    /** The future's value; its failure rethrown as it is (a TernClientException, usually), not wrapped. */
    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get(SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new CommandException("the server did not answer within " + SECONDS + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted");
        }
    }
}
