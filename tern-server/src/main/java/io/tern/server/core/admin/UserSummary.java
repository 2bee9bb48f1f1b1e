package io.tern.server.core.admin;

/** An account as an admin sees it: role {@code user} or {@code admin}; status active, disabled or deleted. */
public record UserSummary(long userId, String username, String role, String status, long createdAt, long lastSeen) {
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String DELETED = "deleted";

    public boolean activeAdmin() {
        return ADMIN.equals(role) && ACTIVE.equals(status);
    }
}
