package io.tern.server.core.cluster;

/**
 * Port: operators' orders to a node of the cluster, whichever node the operator's request reached. The target
 * carries them out at its next heartbeat (at once when it is this node).
 */
public interface NodeOrders {
    /** Take the node out of login routing and move all its clients off at {@code rate} a second (0: default). */
    default void drain(int nodeId, int rate) {
        drain(nodeId, rate, false);
    }

    /** As {@link #drain(int, int)}; with {@code exit}, the node stops (a clean shutdown) once it has no session left. */
    void drain(int nodeId, int rate, boolean exit);

    /** End the node's drain: it takes logins again. */
    void resume(int nodeId);

    /** Move {@code clients} of the node's clients to other nodes at {@code rate} a second (0: default). */
    void move(int nodeId, long clients, int rate);
}
