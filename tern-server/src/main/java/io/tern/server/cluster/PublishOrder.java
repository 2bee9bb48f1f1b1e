package io.tern.server.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's publishes in the order they were handed over, although the route lookups they wait for
 * complete in any order: one message's routes may come from the cache at once while an earlier one's are still
 * being read from Redis (or from another Redis Cluster master). A receiving node trusts that each node publishes
 * a conversation's pushes in commit order: it holds a later seq back for an earlier one it expects, but a push
 * that arrives below the first one it saw of a conversation is dropped there (see {@code PushOrder}).
 *
 * <p>Each step runs once its own lookup and every earlier step are done, so publishes are dispatched in order;
 * one connection sends commands in the order they are dispatched. A failed lookup or a step that throws does not
 * hold up the steps after it.
 */
final class PublishOrder {
    private static final Logger log = LoggerFactory.getLogger(PublishOrder.class);

    /** Completes when the last step handed over has run; never completes exceptionally. */
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    /** Runs {@code step} with the lookup's result (or its failure) after every earlier step has run. */
    synchronized <T> void then(CompletableFuture<T> lookup, BiConsumer<? super T, Throwable> step) {
        tail = tail.thenCompose(previous -> lookup.handle((result, failure) -> {
            try {
                step.accept(result, failure);
            } catch (RuntimeException e) {
                log.warn("a publish step failed: {}", e.toString());
            }
            return null;
        }));
    }
}
