package io.tern.server.core.group;

/**
 * An invite link of a group: anyone with the {@code code} may join (closed groups too) until it expires
 * ({@code expiresAt}, null for never), is used {@code maxUses} times (null for no limit) or is revoked.
 */
public record GroupInvite(String code, long groupId, long createdBy, long createdAt, Long expiresAt,
                          Integer maxUses, int uses, boolean revoked) {
}
