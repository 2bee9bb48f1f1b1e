package io.tern.server.admin;

import io.tern.server.config.TernConfig;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.account.PasswordHasher;
import io.tern.server.core.account.Tokens;
import io.tern.server.core.account.UsernameKeys;
import io.tern.server.core.admin.AdminService;
import io.tern.server.core.admin.SessionCloser;
import io.tern.server.startup.DataDirLock;
import io.tern.server.store.Database;
import io.tern.server.store.JdbcAccountStore;
import io.tern.server.store.JdbcAdminStore;
import io.tern.server.store.SqliteBackup;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The admin tools on the store of a stopped server. On SQLite the data directory's lock is held throughout,
 * so this can never run beside a server on the same file. On PostgreSQL the servers may be running; there
 * nothing closes their live sessions (use the HTTP API), though revoked tokens stop working at once.
 */
final class LocalAdmin implements AutoCloseable {
    private final DataDirLock lock;
    private final Database database;
    private final AdminService service;

    LocalAdmin(TernConfig config) {
        this.lock = config.store().kind() == TernConfig.StoreKind.SQLITE
                ? DataDirLock.acquire(config.store().dataDir()) : null;
        try {
            this.database = Database.open(config.store());
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
        AccountsManager accounts = new AccountsManager(new JdbcAccountStore(database),
                new PasswordHasher(config.auth().bcryptCost()), new Tokens(new SecureRandom()), Clock.systemUTC(),
                config.auth().tokenTtl(), new UsernameKeys());
        this.service = new AdminService(new JdbcAdminStore(database), accounts, SessionCloser.NONE,
                new SqliteBackup(database), new io.tern.server.core.admin.Invites(
                        new io.tern.server.store.JdbcInviteStore(database), new Tokens(new SecureRandom()),
                        Clock.systemUTC()), Clock.systemUTC());
    }

    AdminService service() {
        return service;
    }

    /** Who the audit log names for commands run on the data directory. */
    static String actor() {
        return "local:" + System.getProperty("user.name", "unknown");
    }

    @Override
    public void close() {
        database.close();
        if (lock != null) {
            lock.close();
        }
    }
}
