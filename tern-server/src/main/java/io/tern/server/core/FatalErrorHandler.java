package io.tern.server.core;

/**
 * What happens when a thread the node cannot run without (the message writer, the delivery thread) dies. The
 * node has already stopped answering ready and failed what was waiting on that thread when this is called. The
 * process entry point ({@code Main}) logs and exits with a non-zero status so a supervisor restarts the node;
 * tests pass one that records the call instead of ending the JVM.
 */
@FunctionalInterface
public interface FatalErrorHandler {
    /** Called once per failure, on the dying thread; must not block. */
    void fatal(String thread, Throwable error);
}
