package io.tern.server.core.cluster;

/**
 * One live node as the registry last saw it: its id, the WebSocket URL clients use to reach it, and how many
 * sessions it holds ({@code connections}, as of its last heartbeat at {@code seenAt} epoch millis).
 */
public record NodeInfo(int nodeId, String wsUrl, long connections, long seenAt) {
}
