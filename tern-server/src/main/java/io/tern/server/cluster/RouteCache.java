package io.tern.server.cluster;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The device routes of recently messaged users, so a busy conversation does not ask Redis for the same routes
 * with every message. Bounded (least recently used out) and aged out after the route TTL. Every route change
 * anywhere in the cluster is broadcast and drops the user's entry here.
 *
 * <p>The broadcast can arrive a moment after the change, so a message may have been routed from a stale entry:
 * its new device would miss the push. So an entry remembers whether it was used, and {@link #invalidate}
 * says so; the node then tells the user's devices everywhere to SYNC, which fetches that message (it was
 * committed before the stale lookup, which came before the broadcast). A lookup that read Redis before the
 * change and returns after the broadcast must not be stored: {@link #generation} tells.
 */
final class RouteCache {
    private record Entry(Map<String, String> devices, long loadedNanos, boolean used) {
    }

    private final int capacity;
    private final long maxAgeNanos;
    private final Ticker ticker;
    private final LinkedHashMap<Long, Entry> entries;
    /** Bumped by every invalidation; guarded by this. */
    private long generation;

    RouteCache(int capacity, Duration maxAge, Ticker ticker) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAge.toNanos();
        this.ticker = ticker;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > RouteCache.this.capacity;
            }
        };
    }

    /** The user's routes (device to node id), or null if not cached; marks the entry used. */
    synchronized Map<String, String> get(long user) {
        Entry e = entries.get(user);
        if (e == null) {
            return null;
        }
        if (ticker.nanos() - e.loadedNanos() > maxAgeNanos) {
            entries.remove(user);
            return null;
        }
        if (!e.used()) {
            entries.put(user, new Entry(e.devices(), e.loadedNanos(), true));
        }
        return e.devices();
    }

    /** Read this before asking Redis, and pass it to {@link #put}. */
    synchronized long generation() {
        return generation;
    }

    /** Stores routes read from Redis, unless some route changed since the read began. */
    synchronized void put(long user, Map<String, String> devices, long readAtGeneration) {
        if (capacity > 0 && readAtGeneration == generation) {
            entries.put(user, new Entry(Map.copyOf(devices), ticker.nanos(), false));
        }
    }

    /** Drops the user's entry; true if a message was routed from it (its devices must then SYNC). */
    synchronized boolean invalidate(long user) {
        generation++;
        Entry e = entries.remove(user);
        return e != null && e.used();
    }

    /** Forgets everything: after an outage, invalidations may have been missed. */
    synchronized void clear() {
        generation++;
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
