package io.tern.server.core.admin;

import java.util.List;
import java.util.Optional;

/** Port: what the admin tools read and change about accounts, and the audit log. */
public interface AdminStore {
    /** Users whose name contains {@code query} (empty: all), by id, at most {@code limit}. */
    List<UserSummary> users(String query, int limit);

    Optional<UserSummary> user(long userId);

    Optional<UserSummary> userByName(String username);

    void setRole(long userId, String role);

    void setStatus(long userId, String status);

    /** Active admins, to refuse removing the last one. */
    int activeAdmins();

    /**
     * Replaces name and password hash with values nobody can log in with or look up, and sets the status
     * deleted. The row stays, so messages keep a sender id that points somewhere.
     */
    void tombstone(long userId, String anonymousName, String unusableHash);

    void audit(AuditEntry entry);

    List<AuditEntry> auditLog(int limit);
}
