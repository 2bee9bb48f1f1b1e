package io.tern.server.core.limit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The addresses each username last logged in from successfully: a few per user, for a bounded number of
 * users (least recently used ones are forgotten). A login from such an address is only slowed, never
 * refused, by the per-username back-off, so nobody can lock a user out by failing logins in their name.
 */
final class KnownAddresses {
    private final int perUser;
    private final Map<String, Set<String>> byUser;

    KnownAddresses(int users, int perUser) {
        this.perUser = perUser;
        this.byUser = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                return size() > users;
            }
        };
    }

    synchronized void remember(String username, String address) {
        Set<String> addresses = byUser.computeIfAbsent(username, k -> new LinkedHashSet<>());
        addresses.remove(address); // re-added last: the most recent stays
        addresses.add(address);
        if (addresses.size() > perUser) {
            addresses.remove(addresses.iterator().next());
        }
    }

    synchronized boolean contains(String username, String address) {
        Set<String> addresses = byUser.get(username);
        return addresses != null && addresses.contains(address);
    }
}
