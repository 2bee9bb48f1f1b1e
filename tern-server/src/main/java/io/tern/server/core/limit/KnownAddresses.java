package io.tern.server.core.limit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The addresses each username last logged in from successfully: a few per user, for a bounded number of
 * users (least recently used ones are forgotten). A login from such an address is only slowed, never
 * refused, by the per-username back-off, so nobody can lock a user out by failing logins in their name.
 * Each user's addresses are a small array, oldest first, not a set: one entry per logged-in user adds up
 * across tens of thousands of connections, and a linear scan of at most {@code perUser} is as fast.
 */
final class KnownAddresses {
    private static final String[] NONE = new String[0];

    private final int perUser;
    private final Map<String, String[]> byUser;

    KnownAddresses(int users, int perUser) {
        this.perUser = perUser;
        this.byUser = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
                return size() > users;
            }
        };
    }

    synchronized void remember(String username, String address) {
        String[] known = byUser.getOrDefault(username, NONE);
        int at = indexOf(known, address);
        if (at >= 0 && at == known.length - 1) {
            return; // already the most recent
        }
        String[] next;
        if (at >= 0) { // move it to the end
            next = known.clone();
            System.arraycopy(known, at + 1, next, at, known.length - at - 1);
        } else if (known.length < perUser) {
            next = Arrays.copyOf(known, known.length + 1);
        } else { // full: the oldest goes
            next = Arrays.copyOfRange(known, 1, known.length + 1);
        }
        next[next.length - 1] = address;
        byUser.put(username, next);
    }

    synchronized boolean contains(String username, String address) {
        String[] known = byUser.get(username);
        return known != null && indexOf(known, address) >= 0;
    }

    private static int indexOf(String[] known, String address) {
        for (int i = 0; i < known.length; i++) {
            if (known[i].equals(address)) {
                return i;
            }
        }
        return -1;
    }
}
