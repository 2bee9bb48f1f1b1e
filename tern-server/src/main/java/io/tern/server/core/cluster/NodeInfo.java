package io.tern.server.core.cluster;

/**
 * One live node as the registry last saw it: its id, the WebSocket URL clients use to reach it, how many devices
 * it holds ({@code connections}, the figure logins are balanced on) and sessions, how many messages a second it
 * committed, whether it is draining (it takes no logins), all as of its last heartbeat at {@code seenAt} epoch
 * millis; and how long ago the reading node saw that heartbeat change ({@code heartbeatAgeMillis}, on its own
 * monotonic clock; -1 when it cannot tell).
 */
public record NodeInfo(int nodeId, String wsUrl, long connections, long seenAt, long sessions,
                       double messagesPerSecond, boolean draining, long heartbeatAgeMillis) {
    /** A node known only by its URL and load (no figures yet). */
    public NodeInfo(int nodeId, String wsUrl, long connections, long seenAt) {
        this(nodeId, wsUrl, connections, seenAt, connections, 0, false, -1);
    }

    public NodeInfo withHeartbeatAge(long millis) {
        return new NodeInfo(nodeId, wsUrl, connections, seenAt, sessions, messagesPerSecond, draining, millis);
    }
}
