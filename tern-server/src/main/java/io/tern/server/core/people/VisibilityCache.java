package io.tern.server.core.people;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What {@link Visibility} reads on every typing, read and presence notice — a user's blocks (either way), contacts
 * and privacy settings — kept for the {@link #MAX_USERS} most recently asked users of each kind, and dropped the
 * moment a block, contact or privacy change is committed (it is told as {@link PeopleChanges}).
 *
 * <p>A value read from the store just before a change commits must not be kept after the change dropped the entry:
 * every drop bumps a generation under the same lock, and a value is kept only if no drop happened since its read
 * began. Only for a single node: a change committed on another node would not drop this node's entries, so the
 * composition root uses it only without a cluster (docs/people.md).
 */
public final class VisibilityCache implements PeopleChanges {
    public static final int MAX_USERS = 10_000;

    private final Object lock = new Object();
    private final Map<Long, Set<Long>> separated = lru();
    private final Map<Long, Set<Long>> contacts = lru();
    private final Map<Long, Privacy> privacy = lru();
    private long generation;

    private static <V> Map<Long, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > MAX_USERS;
            }
        };
    }

    Set<Long> separated(long userId, LongFunction<Set<Long>> load) {
        return one(separated, userId, id -> Set.copyOf(load.apply(id))); // shared: never to be changed
    }

    Set<Long> contacts(long userId, LongFunction<Set<Long>> load) {
        return one(contacts, userId, id -> Set.copyOf(load.apply(id)));
    }

    /** The settings of the users who have any (as the store answers); others are absent. */
    Map<Long, Privacy> privacy(Collection<Long> userIds, Function<Collection<Long>, Map<Long, Privacy>> load) {
        Map<Long, Privacy> out = new HashMap<>();
        List<Long> missing = new java.util.ArrayList<>();
        long started;
        synchronized (lock) {
            started = generation;
            for (long id : userIds) {
                Privacy p = privacy.get(id);
                if (p == null) {
                    missing.add(id);
                } else {
                    out.put(id, p);
                }
            }
        }
        if (!missing.isEmpty()) {
            Map<Long, Privacy> loaded = load.apply(missing);
            synchronized (lock) {
                for (long id : missing) {
                    Privacy p = loaded.getOrDefault(id, Privacy.DEFAULT); // a user without settings is cached too
                    out.put(id, p);
                    if (generation == started) {
                        privacy.put(id, p);
                    }
                }
            }
        }
        return out;
    }

    private <V> V one(Map<Long, V> map, long userId, LongFunction<V> load) {
        long started;
        synchronized (lock) {
            V v = map.get(userId);
            if (v != null) {
                return v;
            }
            started = generation;
        }
        V v = load.apply(userId);
        synchronized (lock) {
            if (generation == started) {
                map.put(userId, v);
            }
        }
        return v;
    }

    @Override
    public void between(long a, long b) {
        synchronized (lock) {
            generation++;
            separated.remove(a);
            separated.remove(b);
            contacts.remove(a);
            contacts.remove(b);
        }
    }

    @Override
    public void privacyOf(long userId) {
        synchronized (lock) {
            generation++;
            privacy.remove(userId);
        }
    }
}
