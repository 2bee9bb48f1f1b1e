package io.tern.server.transport.http;

import io.tern.server.core.account.AccountStore;
import io.tern.server.core.account.AccountsManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code users} map (id to username) that lists of bare user ids carry, so a client can name people it shares
 * no conversation with (a request from a stranger, someone it blocked). Names are public: the directory lists them.
 */
final class UserNames {
    private UserNames() {
    }

    static Map<String, String> of(AccountsManager accounts, Collection<Long> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        for (AccountStore.Seen s : accounts.seen(new ArrayList<>(ids))) {
            out.put(Long.toString(s.userId()), s.username());
        }
        return out;
    }
}
