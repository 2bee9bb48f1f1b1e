package io.tern.server.core.admin;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.account.Account;
import io.tern.server.core.account.AccountsManager;
import java.time.Clock;
import java.util.List;

/**
 * Every admin action, each checked, applied and written to the audit log. Disabling, deleting and a password
 * reset revoke the user's tokens and close their live sessions at once. The last active admin cannot be
 * demoted, disabled or deleted: that would lock everyone out of these tools but the data-directory route.
 */
public final class AdminService {
    private final AdminStore store;
    private final AccountsManager accounts;
    private final SessionCloser sessions;
    private final Backups backups;
    private final Invites invites;
    private final Clock clock;

    public AdminService(AdminStore store, AccountsManager accounts, SessionCloser sessions, Backups backups,
                        Invites invites, Clock clock) {
        this.invites = invites;
        this.store = store;
        this.accounts = accounts;
        this.sessions = sessions;
        this.backups = backups;
        this.clock = clock;
    }

    /** The admin's name for the audit log; ADMIN_REQUIRED unless the user is an active admin. */
    public String requireAdmin(long userId) {
        return store.user(userId).filter(UserSummary::activeAdmin).map(UserSummary::username)
                .orElseThrow(() -> new TernException(ErrorCode.ADMIN_REQUIRED, "this needs an admin's token"));
    }

    public List<UserSummary> users(String query, int limit) {
        return store.users(query == null ? "" : query, limit);
    }

    /** A user by id ({@code 42}) or name ({@code alice}); NO_SUCH_USER if neither. */
    public UserSummary resolve(String who) {
        java.util.Optional<UserSummary> found = who != null && who.matches("\\d{1,18}")
                ? store.user(Long.parseLong(who)) : store.userByName(String.valueOf(who));
        return found.orElseThrow(() -> new TernException(ErrorCode.NO_SUCH_USER, "no user " + who));
    }

    public UserSummary create(String actor, String username, String password, boolean admin) {
        Account account = accounts.register(username, password);
        if (admin) {
            store.setRole(account.id(), UserSummary.ADMIN);
        }
        audit(actor, "create-user", account, admin ? "admin" : "");
        return store.user(account.id()).orElseThrow();
    }

    public UserSummary disable(String actor, String who) {
        UserSummary user = live(resolve(who));
        keepOneAdmin(user);
        store.setStatus(user.userId(), UserSummary.DISABLED);
        int revoked = signOut(user.userId());
        audit(actor, "disable", user, revoked + " tokens revoked");
        return store.user(user.userId()).orElseThrow();
    }

    public UserSummary enable(String actor, String who) {
        UserSummary user = live(resolve(who));
        store.setStatus(user.userId(), UserSummary.ACTIVE);
        audit(actor, "enable", user, "");
        return store.user(user.userId()).orElseThrow();
    }

    /** Anonymises the account: name {@code #deleted-<id>}, no usable password, status deleted. */
    public UserSummary delete(String actor, String who) {
        UserSummary user = live(resolve(who));
        keepOneAdmin(user);
        store.tombstone(user.userId(), "#deleted-" + user.userId(), accounts.unusableHash());
        store.setRole(user.userId(), UserSummary.USER);
        int revoked = signOut(user.userId());
        audit(actor, "delete", user, revoked + " tokens revoked");
        return store.user(user.userId()).orElseThrow();
    }

    public void resetPassword(String actor, String who, String password) {
        UserSummary user = live(resolve(who));
        accounts.resetPassword(user.userId(), password);
        sessions.closeAll(user.userId());
        audit(actor, "reset-password", user, "");
    }

    public int revokeSessions(String actor, String who) {
        UserSummary user = resolve(who);
        int revoked = signOut(user.userId());
        audit(actor, "revoke-sessions", user, revoked + " tokens revoked");
        return revoked;
    }

    public UserSummary setRole(String actor, String who, String role) {
        if (!UserSummary.ADMIN.equals(role) && !UserSummary.USER.equals(role)) {
            throw new TernException(ErrorCode.INVALID_FIELD, "role must be admin or user");
        }
        UserSummary user = live(resolve(who));
        if (UserSummary.USER.equals(role)) {
            keepOneAdmin(user);
        }
        store.setRole(user.userId(), role);
        audit(actor, "set-role", user, role);
        return store.user(user.userId()).orElseThrow();
    }

    public long backup(String actor, String file) {
        long bytes = backups.backupTo(file);
        store.audit(new AuditEntry(clock.millis(), actor, "backup", file, bytes + " bytes"));
        return bytes;
    }

    /** A single-use invite code for {@code auth.registration=INVITE}, valid for {@code ttl}. */
    public String createInvite(String actor, java.time.Duration ttl) {
        String code = invites.create(actor, ttl);
        store.audit(new AuditEntry(clock.millis(), actor, "create-invite", "valid " + ttl.toHours() + "h", ""));
        return code;
    }

    public List<AuditEntry> auditLog(int limit) {
        return store.auditLog(limit);
    }

    private int signOut(long userId) {
        int revoked = accounts.revokeAll(userId);
        sessions.closeAll(userId);
        return revoked;
    }

    private static UserSummary live(UserSummary user) {
        if (UserSummary.DELETED.equals(user.status())) {
            throw new TernException(ErrorCode.NO_SUCH_USER, "user " + user.userId() + " was deleted");
        }
        return user;
    }

    private void keepOneAdmin(UserSummary user) {
        if (user.activeAdmin() && store.activeAdmins() <= 1) {
            throw new TernException(ErrorCode.LAST_ADMIN, user.username() + " is the last active admin: promote "
                    + "another user first");
        }
    }

    private void audit(String actor, String action, UserSummary user, String detail) {
        store.audit(new AuditEntry(clock.millis(), actor, action, user.username() + " (" + user.userId() + ")", detail));
    }

    private void audit(String actor, String action, Account account, String detail) {
        store.audit(new AuditEntry(clock.millis(), actor, action, account.username() + " (" + account.id() + ")",
                detail));
    }
}
