package io.tern.server.core.session;

import io.tern.protocol.Frame;
import io.tern.server.core.Ticker;
import io.tern.server.core.account.Principal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Devices that receive by HTTP long-poll. While a device polls — and for a grace period after its last
 * poll — it is registered as an online session of its user, so it counts for presence and its pending poll
 * is woken by pushes. A held poll is only a future: no thread waits for it.
 */
public final class LongPolls {
    /**
     * Notices (typing, reads, presence) a device keeps for its next poll; past this the oldest are dropped. A poll
     * answers as soon as one arrives, so only a device between polls (within the grace period) piles them up.
     */
    public static final int MAX_NOTICES = 64;
    private final SessionRegistry sessions;
    private final ScheduledExecutorService scheduler;
    /** The grace period is an interval: measured on the monotonic ticker, not the wall clock. */
    private final Ticker ticker;
    private final Duration grace;
    private final Map<String, Device> devices = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    public LongPolls(SessionRegistry sessions, ScheduledExecutorService scheduler, Ticker ticker, Duration grace) {
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.ticker = ticker;
        this.grace = grace;
    }

    /** Polls held right now, waiting for a message. */
    public int waiting() {
        return waiting.get();
    }

    /** Starts a poll: register the device (if needed) and arm a wake-up before the store is read. */
    public Poll begin(Principal principal) {
        Device device;
        synchronized (devices) {
            device = devices.computeIfAbsent(principal.userId() + "/" + principal.deviceId(), k -> new Device(k));
            device.active++;
        }
        try {
            device.ensureRegistered(principal);
        } catch (RuntimeException e) {
            synchronized (devices) {
                device.active--;
                devices.remove(device.key, device);
            }
            throw e;
        }
        return new Poll(device, device.arm());
    }

    /** Ends a poll; the device stays online for the grace period in case it polls again. */
    public void end(Poll poll) {
        Device device = poll.device;
        synchronized (devices) {
            device.active--;
            device.lastEnd = ticker.millis();
        }
        scheduler.schedule(() -> expire(device), grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire(Device device) {
        DeviceSession session;
        synchronized (devices) {
            if (device.active > 0 || ticker.millis() - device.lastEnd < grace.toMillis()
                    || devices.get(device.key) != device) {
                return;
            }
            devices.remove(device.key);
            session = device.session;
        }
        if (session != null) {
            sessions.unregister(session);
        }
    }

    /** One held poll: {@link #woken} completes when a push arrives for the device, or after the wait. */
    public static final class Poll {
        private final Device device;
        private final CompletableFuture<Boolean> wake;

        Poll(Device device, CompletableFuture<Boolean> wake) {
            this.device = device;
            this.wake = wake;
        }

        /** Whether notices are waiting for this device: then the poll answers at once. */
        public boolean hasNotices() {
            return device.hasNotices();
        }

        /** Takes the notices waiting for this device, oldest first (each JSON frame as it was encoded). */
        public List<byte[]> takeNotices() {
            return device.takeNotices();
        }

        /** Completes with true when woken by a push, false when the wait ran out or a notice arrived. */
        public CompletableFuture<Boolean> woken(Duration wait) {
            device.owner().waiting.incrementAndGet();
            return wake.completeOnTimeout(false, wait.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((woken, err) -> device.owner().waiting.decrementAndGet());
        }
    }

    /** A long-poll device as a {@link Connection}: a push completes the waiting polls. */
    private final class Device implements Connection {
        private final String key;
        private int active;
        private long lastEnd;
        private DeviceSession session;
        private CompletableFuture<Boolean> wake = new CompletableFuture<>();
        private final ArrayDeque<byte[]> notices = new ArrayDeque<>();

        Device(String key) {
            this.key = key;
        }

        LongPolls owner() {
            return LongPolls.this;
        }

        synchronized void ensureRegistered(Principal principal) {
            if (session == null) {
                DeviceSession opened = new DeviceSession(sessions.nextSessionId(), principal, this, null);
                session = opened;
                sessions.register(opened);
                // on the blocking pool: the cluster's answer (REFUSE_NEW, connectionsPerUser) comes within a bound
                io.tern.server.core.TernException refused = opened.refusal().join();
                if (refused != null) {
                    session = null;
                    throw refused;
                }
            }
        }

        synchronized CompletableFuture<Boolean> arm() {
            if (wake.isDone()) {
                wake = new CompletableFuture<>();
            }
            return wake;
        }

        @Override
        public synchronized void sendEncoded(byte[] frame) {
            wake.complete(true);
        }

        /** Kept for the next poll; ends a held poll with the messages it has (none: a notice is no message). */
        @Override
        public synchronized void notice(byte[] frame) {
            if (notices.size() >= MAX_NOTICES) {
                notices.removeFirst();
            }
            notices.addLast(frame);
            wake.complete(false);
        }

        synchronized boolean hasNotices() {
            return !notices.isEmpty();
        }

        synchronized List<byte[]> takeNotices() {
            List<byte[]> out = new ArrayList<>(notices);
            notices.clear();
            return out;
        }

        @Override
        public void send(Frame frame) {
            // nothing else is sent over long-poll: messages are read from the store by the poll
        }

        @Override
        public void kick(String reason) {
            synchronized (devices) {
                devices.remove(key, this);
            }
            DeviceSession kicked;
            synchronized (this) {
                kicked = session;
                session = null;
                wake.complete(true);
            }
            if (kicked != null) {
                sessions.unregister(kicked);
            }
        }

        @Override
        public ScheduledExecutorService executor() {
            return scheduler;
        }
    }
}
