package io.tern.server.core.message;

import io.tern.protocol.FrameCodec;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.Ticker;
import io.tern.server.core.session.DeviceSession;
import io.tern.server.core.session.SessionRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step before this node's sessions: stored messages go out to them in seq order per conversation,
 * whichever way they came. In a cluster every node publishes its own commits, so seq 5 from one node can
 * arrive before seq 4 from another, and this node's own writer interleaves with both.
 *
 * <p>For each conversation with sessions here it keeps the next seq it expects. A push at that seq goes out at
 * once, followed by the pushes that waited for it; a push beyond it waits. If the gap is not closed within
 * {@code wait} (on the monotonic ticker), the missing seqs are read from the store on the blocking executor —
 * never on the delivery thread or an event loop — and go out in order, to the users {@link Recipients} names.
 * A push below the expected seq went out already (or predates what this node started from) and is dropped.
 * Where a conversation not tracked yet starts here: on a single node, at its first push, which goes out at once
 * (the writer pushes in commit order). With several nodes publishing ({@code severalSources}), a first push
 * above seq 1 may have overtaken earlier seqs committed on other nodes, so the conversation starts
 * <em>unsettled</em>: its pushes are held until seq 1 arrives or {@code wait} ends, and it starts at the lowest
 * seq held. A seq below that arriving later still is dropped, and the device pulls it as it pulls any gap (the
 * SDK does). The cost: the first push of a conversation new to a node, if above seq 1, waits up to {@code wait}.
 * Each node must publish its own commits in commit order (the cluster's {@code PublishOrder} sees to it).
 *
 * <p>Bounded: at most {@code maxConversations} are tracked (the least recently used is forgotten, and what
 * waited in it goes out as it is), and beyond {@code maxBuffered} waiting pushes a gap is filled from the store
 * at once instead of after the wait. A gap the store cannot fill (it failed, or the gap is wider than {@link
 * #MAX_FILL}: nobody here was receiving that conversation) is given up: the devices pull it.
 *
 * <p>One lock guards everything. Delivering under it only queues work onto each connection's executor, so the
 * order pushes leave here is the order every outbox gets them; store reads happen outside it.
 *
 * <p>The writer's delivery thread brackets the fan-out of each committed batch in a pass ({@link #beginPass},
 * {@link #endPass}): the pushes of a pass are collected per event loop and handed over as one task per event loop
 * at its end, instead of one task per (session, message). Pushes from other threads during a pass join it, so
 * the order in which pushes leave here still is the order in which every outbox gets them.
 */
public final class PushOrder implements MessageWriter.Pass {
    private static final Logger log = LoggerFactory.getLogger(PushOrder.class);

    /** A gap wider than this is not read from the store: it means nobody here was receiving the conversation. */
    static final int MAX_FILL = 500;

    /** Port: stored messages of a conversation with {@code afterSeq < seq <= maxSeq}, ascending (blocking). */
    @FunctionalInterface
    public interface StoredRange {
        List<Message> read(String conversationId, long afterSeq, long maxSeq, int limit);
    }

    /** Port: the users a message read back from the store is pushed to (blocking). */
    @FunctionalInterface
    public interface Recipients {
        long[] of(Message message);
    }

    private record Push(Message message, byte[] frame, long[] users, long exceptSessionId) {
    }

    /** One conversation: the next seq expected here, and the pushes waiting beyond a gap. */
    private static final class Track {
        long next;
        final TreeMap<Long, Push> waiting = new TreeMap<>();
        /** Ticker nanos when the current gap opened. */
        long gapSince;
        boolean filling;
        /**
         * Started here above seq 1 while other nodes publish too: where it starts is not known yet, so nothing
         * goes out until seq 1 arrives or the wait ends; {@code next} is the lowest seq held meanwhile.
         */
        boolean unsettled;

        Track(long next) {
            this.next = next;
        }
    }

    /** A store read for the gap {@code afterSeq < seq <= maxSeq} of one track. */
    private record Fill(String conversationId, Track track, long afterSeq, long maxSeq) {
    }

    private final SessionRegistry sessions;
    private final FrameCodec codec;
    private final StoredRange store;
    private final Recipients recipients;
    private final Executor blocking;
    private final ScheduledExecutorService timer;
    private final Ticker ticker;
    private final long waitNanos;
    private final int maxConversations;
    private final int maxBuffered;
    /** Whether pushes of one conversation come from several nodes: a conversation new here then starts held. */
    private final boolean severalSources;
    private final TernMetrics metrics;
    /** Access order: the eldest is the least recently pushed to, forgotten first. */
    private final LinkedHashMap<String, Track> tracks;
    /** Conversations with pushes waiting for a gap, for the timer. */
    private final Set<String> gapped = new LinkedHashSet<>();
    private int buffered;
    private boolean checkScheduled;
    private final PassDeliveries passes = new PassDeliveries();

    public PushOrder(SessionRegistry sessions, FrameCodec codec, StoredRange store, Recipients recipients,
                     Executor blocking, ScheduledExecutorService timer, Ticker ticker, Duration wait,
                     int maxConversations, int maxBuffered, boolean severalSources, TernMetrics metrics) {
        this.sessions = sessions;
        this.codec = codec;
        this.store = store;
        this.recipients = recipients;
        this.blocking = blocking;
        this.timer = timer;
        this.ticker = ticker;
        this.waitNanos = wait.toNanos();
        this.maxConversations = maxConversations;
        this.maxBuffered = maxBuffered;
        this.severalSources = severalSources;
        this.metrics = metrics;
        this.tracks = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Track> eldest) {
                if (size() <= PushOrder.this.maxConversations) {
                    return false;
                }
                forget(eldest.getKey(), eldest.getValue());
                return true;
            }
        };
    }

    /**
     * A stored message for these users' sessions here, except one (the sender's, which has CHAT_RESP). Goes
     * out now if it is the next seq of its conversation, else when the seqs before it have. Safe from any
     * thread; never blocks.
     */
    public void offer(Message message, byte[] frame, long[] users, long exceptSessionId) {
        Fill fill = null;
        synchronized (this) {
            String id = message.conversationId();
            Track t = tracks.get(id);
            if (t == null) {
                if (!anyoneHere(users, exceptSessionId)) {
                    return; // nothing to keep in order on this node
                }
                t = new Track(message.seq());
                t.unsettled = severalSources && message.seq() > 1;
                tracks.put(id, t);
            }
            long seq = message.seq();
            if (t.unsettled) {
                holdUnsettled(id, t, new Push(message, frame, users, exceptSessionId));
                return;
            }
            if (seq < t.next || t.waiting.containsKey(seq)) {
                metrics.pushesDropped.increment(); // went out already: a re-publish, a late copy, or filled
                return;
            }
            Push push = new Push(message, frame, users, exceptSessionId);
            if (seq == t.next) {
                send(push);
                t.next++;
                drain(id, t);
                return;
            }
            if (t.waiting.isEmpty()) {
                t.gapSince = ticker.nanos();
                gapped.add(id);
            }
            t.waiting.put(seq, push);
            buffered++;
            metrics.pushesHeld.increment();
            if (buffered > maxBuffered) { // too much waiting: do not wait for this gap any longer
                if (t.filling) {
                    skipGap(id, t);
                } else {
                    fill = startFill(id, t);
                }
            } else {
                scheduleCheck(waitNanos);
            }
        }
        run(fill);
    }

    /** Fills the gaps that waited long enough from the store. Run by the timer; public for tests. */
    public void checkGaps() {
        List<Fill> fills = new ArrayList<>();
        synchronized (this) {
            checkScheduled = false;
            long now = ticker.nanos();
            long soonest = Long.MAX_VALUE;
            for (String id : List.copyOf(gapped)) {
                Track t = tracks.get(id);
                if (t == null || t.filling || t.waiting.isEmpty()) {
                    continue;
                }
                long left = t.gapSince + waitNanos - now;
                if (left <= 0 && t.unsettled) {
                    settle(id, t);
                } else if (left <= 0) {
                    Fill f = startFill(id, t);
                    if (f != null) {
                        fills.add(f);
                    }
                } else {
                    soonest = Math.min(soonest, left);
                }
            }
            if (soonest != Long.MAX_VALUE) {
                scheduleCheck(soonest);
            }
        }
        fills.forEach(this::run);
    }

    /** How many pushes wait for a gap now. */
    public synchronized int waiting() {
        return buffered;
    }

    /** How many conversations are tracked now. */
    public synchronized int tracked() {
        return tracks.size();
    }

    /**
     * A push for a conversation whose start here is not settled: held, and the lowest seq held becomes where it
     * starts. Seq 1 settles it at once (nothing can come before it); so do too many pushes waiting. Under the lock.
     */
    private void holdUnsettled(String id, Track t, Push push) {
        long seq = push.message().seq();
        if (t.waiting.containsKey(seq)) {
            metrics.pushesDropped.increment();
            return;
        }
        if (t.waiting.isEmpty()) {
            t.gapSince = ticker.nanos();
            gapped.add(id);
        }
        t.waiting.put(seq, push);
        t.next = Math.min(t.next, seq);
        buffered++;
        metrics.pushesHeld.increment();
        if (seq == 1 || buffered > maxBuffered) {
            settle(id, t);
        } else {
            scheduleCheck(waitNanos);
        }
    }

    /** The conversation starts here at the lowest seq held: that and what follows it in line go out. */
    private void settle(String id, Track t) {
        t.unsettled = false;
        t.next = t.waiting.firstKey();
        drain(id, t);
    }

    /** Null if the gap is given up instead (too wide to be worth reading). */
    private Fill startFill(String id, Track t) {
        long after = t.next - 1;
        long max = t.waiting.firstKey() - 1;
        if (max - after > MAX_FILL) {
            skipGap(id, t);
            return null;
        }
        t.filling = true;
        return new Fill(id, t, after, max);
    }

    private void run(Fill fill) {
        if (fill == null) {
            return;
        }
        try {
            blocking.execute(() -> read(fill));
        } catch (RejectedExecutionException e) { // shutting down
            filled(fill, List.of(), List.of());
        }
    }

    /** On the blocking executor: reads the gap and works out who each message is for, outside the lock. */
    private void read(Fill fill) {
        List<Message> messages = List.of();
        List<long[]> users = new ArrayList<>();
        try {
            messages = store.read(fill.conversationId(), fill.afterSeq(), fill.maxSeq(),
                    (int) (fill.maxSeq() - fill.afterSeq()));
            for (Message m : messages) {
                users.add(recipients.of(m));
            }
        } catch (RuntimeException e) {
            log.warn("could not read seqs {}..{} of {} to fill a gap in pushes; devices pull them: {}",
                    fill.afterSeq() + 1, fill.maxSeq(), fill.conversationId(), e.toString());
            messages = List.of();
        }
        filled(fill, messages, users);
    }

    private void filled(Fill fill, List<Message> messages, List<long[]> users) {
        List<byte[]> frames = new ArrayList<>(messages.size());
        for (Message m : messages) {
            frames.add(codec.encode(m.toPush()));
        }
        synchronized (this) {
            Track t = fill.track();
            if (tracks.get(fill.conversationId()) != t) {
                return; // forgotten meanwhile; what waited in it went out then
            }
            t.filling = false;
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                if (m.seq() < t.next) {
                    continue; // the push came after all while the store was read
                }
                if (m.seq() > t.next) {
                    break;
                }
                send(new Push(m, frames.get(i), users.get(i), -1));
                t.next++;
                metrics.pushesFilled.increment();
            }
            if (t.next <= fill.maxSeq() && !t.waiting.isEmpty()) {
                skipGap(fill.conversationId(), t); // the store did not have it all
            } else {
                drain(fill.conversationId(), t);
            }
        }
    }

    /** Gives up on the gap before the first waiting push; the devices pull it (the SDK pulls any gap). */
    private void skipGap(String id, Track t) {
        metrics.pushGapsSkipped.increment();
        t.next = t.waiting.firstKey();
        drain(id, t);
    }

    /** Sends the waiting pushes that are next in line; notes when the gap after them opened. */
    private void drain(String id, Track t) {
        boolean moved = false;
        for (Iterator<Map.Entry<Long, Push>> it = t.waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Push> e = it.next();
            if (e.getKey() > t.next) {
                break;
            }
            it.remove();
            buffered--;
            if (e.getKey() == t.next) {
                send(e.getValue());
                t.next++;
                moved = true;
            }
        }
        if (t.waiting.isEmpty()) {
            gapped.remove(id);
        } else if (moved) {
            t.gapSince = ticker.nanos(); // a new gap: it gets its own wait
            scheduleCheck(waitNanos);
        }
    }

    /** The least recently used conversation goes: what waited in it goes out in order, gaps and all. */
    private void forget(String id, Track t) {
        for (Push p : t.waiting.values()) {
            send(p);
        }
        if (!t.waiting.isEmpty()) {
            metrics.pushGapsSkipped.increment();
        }
        buffered -= t.waiting.size();
        t.waiting.clear();
        gapped.remove(id);
    }

    private boolean anyoneHere(long[] users, long exceptSessionId) {
        for (long user : users) {
            for (DeviceSession session : sessions.sessionsOf(user)) {
                if (session.id() != exceptSessionId) {
                    return true;
                }
            }
        }
        return false;
    }

    private void send(Push push) {
        for (long user : push.users()) {
            for (DeviceSession session : sessions.sessionsOf(user)) {
                if (session.id() == push.exceptSessionId()) {
                    continue;
                }
                // no outbox: a long-poll write, no task to save
                if (session.outbox() == null || !passes.add(session, push.message(), push.frame())) {
                    session.push(push.message(), push.frame());
                }
            }
        }
    }

    @Override
    public synchronized void beginPass() {
        passes.open();
    }

    /**
     * Hands each event loop its pushes of the pass as one task; under the lock, so no later push overtakes. Then,
     * outside it, waits while more than {@link PassDeliveries#MAX_PASS_TASKS} such tasks have not run yet: fan-out
     * slower than the commits holds the delivery thread, and through its bounded queue the writer and the senders'
     * answers, instead of piling pushes up on the event loops without bound (where they grew late enough to be
     * re-sent, and re-sent late enough to close connections).
     */
    @Override
    public void endPass() {
        synchronized (this) {
            passes.handOver();
        }
        passes.awaitEventLoops();
    }

    private void scheduleCheck(long delayNanos) {
        if (checkScheduled) {
            return;
        }
        try {
            timer.schedule(this::checkGaps, delayNanos, TimeUnit.NANOSECONDS);
            checkScheduled = true;
        } catch (RejectedExecutionException e) {
            // shutting down: nobody is left to push to
        }
    }
}
