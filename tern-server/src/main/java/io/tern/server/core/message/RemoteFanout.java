package io.tern.server.core.message;

/**
 * Port: delivery to the sessions of users on other nodes. Fan-out calls it for every message, right after
 * it delivered to the sessions on this node; a single node has no other nodes ({@link #NONE}). Calls must
 * not block: they run on the delivery thread, in commit order, ahead of the next batch's fan-out.
 */
public interface RemoteFanout {
    RemoteFanout NONE = new RemoteFanout() {
        @Override
        public void push(Message message, byte[] frame, long[] users) {
        }

        @Override
        public void notify(byte[] frame, long[] users) {
        }

        @Override
        public void groupChanged(long groupId) {
        }
    };

    /**
     * A stored message for these users: their sessions on other nodes get {@code frame} (already encoded)
     * through their outboxes, so it is acked and retried there as it would be here.
     */
    void push(Message message, byte[] frame, long[] users);

    /** An ephemeral notice (typing, read) for these users' sessions on other nodes; not retried. */
    void notify(byte[] frame, long[] users);

    /** A committed membership change of the group: other nodes must stop trusting their cached members. */
    void groupChanged(long groupId);
}
