package io.tern.server.core;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the node can still do its work: set once, for good, when a thread it cannot run without died.
 * Readiness ({@code /readyz}) answers 503 from then on, so a load balancer stops sending clients here while
 * the {@link FatalErrorHandler} ends the process.
 */
public final class NodeHealth implements FatalErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(NodeHealth.class);

    private final FatalErrorHandler then;
    private final AtomicReference<String> failure = new AtomicReference<>();

    /** {@code then} runs after the node is marked failed (Main: exit the process). */
    public NodeHealth(FatalErrorHandler then) {
        this.then = then;
    }

    @Override
    public void fatal(String thread, Throwable error) {
        failure.compareAndSet(null, thread + " died: " + error);
        log.error("FATAL: thread {} died; this node can no longer store or deliver messages and reports not ready",
                thread, error);
        then.fatal(thread, error);
    }

    public boolean failed() {
        return failure.get() != null;
    }

    /** What failed first, or null. */
    public String failure() {
        return failure.get();
    }
}
