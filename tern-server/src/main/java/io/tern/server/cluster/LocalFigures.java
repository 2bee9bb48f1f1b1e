package io.tern.server.cluster;

/**
 * What this node writes about itself at each heartbeat: the devices it holds (the load logins are balanced
 * on), its sessions, the messages a second it committed since the previous beat, and whether it is draining.
 */
record LocalFigures(long connections, long sessions, double messagesPerSecond, boolean draining) {
}
