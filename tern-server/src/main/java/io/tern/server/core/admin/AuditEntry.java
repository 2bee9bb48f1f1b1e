package io.tern.server.core.admin;

/** One admin action: when, by whom (a username, or {@code local:<os user>} for commands on the data directory). */
public record AuditEntry(long at, String actor, String action, String target, String detail) {
}
