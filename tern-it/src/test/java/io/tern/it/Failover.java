package io.tern.it;

import io.tern.client.ConnectionListener;
import io.tern.client.ConnectionState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long the clients of a killed node are without a connection: for each client, the first time it lost
 * its connection within a second of the kill and the first time it was connected again after that (only then
 * can it send).
 * Times are {@link System#nanoTime()}.
 */
final class Failover {
    /** A client of the killed node sees its socket reset at once; later losses belong to other faults. */
    private static final long LOST_WITHIN_NANOS = 1_000_000_000L;

    private final AtomicLong killedAt = new AtomicLong();
    private final AtomicLongArray lost;
    private final AtomicLongArray back;

    Failover(int clients) {
        this.lost = new AtomicLongArray(clients);
        this.back = new AtomicLongArray(clients);
    }

    /** The listener of client {@code i}. */
    ConnectionListener listener(int i) {
        return (state, cause) -> {
            long kill = killedAt.get();
            if (kill == 0) {
                return;
            }
            long now = System.nanoTime();
            if (state == ConnectionState.RECONNECTING && now - kill < LOST_WITHIN_NANOS) {
                lost.compareAndSet(i, 0, now);
            } else if (state == ConnectionState.CONNECTED && lost.get(i) != 0) {
                back.compareAndSet(i, 0, now);
            }
        };
    }

    void killed() {
        killedAt.set(System.nanoTime());
    }

    /** Milliseconds from the kill until each client that lost its connection was connected again, sorted. */
    List<Long> reconnectMillis() {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < lost.length(); i++) {
            if (lost.get(i) != 0 && back.get(i) != 0) {
                out.add((back.get(i) - killedAt.get()) / 1_000_000);
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Clients that lost their connection after the kill and were not connected again (yet). */
    long stillAway() {
        long n = 0;
        for (int i = 0; i < lost.length(); i++) {
            if (lost.get(i) != 0 && back.get(i) == 0) {
                n++;
            }
        }
        return n;
    }

    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
