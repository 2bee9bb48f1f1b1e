package io.tern.server.cluster;

/** The Redis key and channel names of a cluster, in one place. */
final class Keys {
    /** The set of node ids that ever registered; a member without a live node key is gone. */
    static final String NODES = "tern:nodes";
    /** Messages for every node: group membership changes, catch-up requests after an outage. */
    static final String BROADCAST = "tern:ch:all";

    private Keys() {
    }

    static String node(int nodeId) {
        return "tern:node:" + nodeId;
    }

    static String route(long userId) {
        return "tern:route:" + userId;
    }

    static String channel(int nodeId) {
        return channel(Integer.toString(nodeId));
    }

    static String channel(String nodeId) {
        return "tern:ch:" + nodeId;
    }
}
