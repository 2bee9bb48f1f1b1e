package io.tern.server.core.message;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.FatalErrorHandler;
import io.tern.server.core.StoreException;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread takes every waiting draft (up to the batch size) and every pending cursor
 * update, and commits them in one transaction (group commit). Being the only writer keeps seq allocation
 * simple and means one fsync serves many messages. Futures complete in commit order on a second thread,
 * the delivery thread, so fan-out and answers overlap with the next commit instead of delaying it.
 *
 * <p>The queue is bounded by count and by bytes (content size), so a burst of large messages cannot exhaust the
 * heap. If either thread dies of an {@link Error} (out of memory, a linkage error, a broken driver), the node
 * cannot store or deliver any more: every waiting draft fails with UNAVAILABLE instead of hanging, new ones are
 * refused, and the {@link FatalErrorHandler} is told (it marks the node not ready and ends the process).
 */
public final class MessageWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageWriter.class);

    /** Per queued draft on top of its text: the objects around it. An estimate, as the bound needs no more. */
    private static final long DRAFT_OVERHEAD_BYTES = 256;

    /**
     * Brackets the fan-out of one committed batch on the delivery thread, so that what it pushes can leave
     * together (see {@link PushOrder}).
     */
    public interface Pass {
        Pass NONE = new Pass() {
            @Override
            public void beginPass() {
            }

            @Override
            public void endPass() {
            }
        };

        void beginPass();

        void endPass();
    }

    private record Pending(Draft draft, java.util.function.Consumer<Appended> afterCommit,
                           CompletableFuture<Appended> result, long bytes) {
    }

    /** Messages added to the search index per idle moment of the writer: about 5 ms of trigram indexing. */
    static final int SEARCH_SLICE = 100;

    private final MessageStore store;
    /** Writer thread only. */
    private boolean catchUpFailing;
    private final MsgIds msgIds;
    private final Clock clock;
    private final int batchMax;
    private final long batchMaxBytes;
    private final BlockingQueue<Pending> queue;
    private final long queueBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final FatalErrorHandler fatal;
    private final PendingCursors cursors;
    private final Thread thread;
    /** One thread, so completions stay in commit order; a full queue makes the writer wait (backpressure). */
    private final java.util.concurrent.ThreadPoolExecutor delivery = new java.util.concurrent.ThreadPoolExecutor(1, 1,
            0, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(32), r -> new Thread(r, "tern-delivery"),
            (task, executor) -> {
                try {
                    executor.getQueue().put(task);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
    private final TernMetrics metrics;
    private final Pass pass;
    private volatile boolean running = true;
    /** Set when the writer or the delivery thread died: nothing is taken any more. */
    private volatile boolean dead;
    /** The fatal handler is told once, whichever thread fails first (or again). */
    private final java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * {@code queueCapacity} drafts and {@code queueBytes} bytes of them (estimated) may wait; beyond either,
     * a draft is refused with UNAVAILABLE.
     */
    public MessageWriter(MessageStore store, MsgIds msgIds, Clock clock, int batchMax, long batchMaxBytes,
                         int queueCapacity,
                         long queueBytes, TernMetrics metrics, FatalErrorHandler fatal, Pass pass) {
        this(store, msgIds, clock, batchMax, batchMaxBytes, queueCapacity, queueBytes, metrics, fatal, pass,
                Ticker.system(), Duration.ZERO);
    }

    /**
     * As above; delivered cursors are written at most once per {@code deliveredCursorDelay} (measured on {@code
     * ticker}), a sender's own with their message; read cursors with the next batch.
     */
    public MessageWriter(MessageStore store, MsgIds msgIds, Clock clock, int batchMax, long batchMaxBytes,
                         int queueCapacity, long queueBytes, TernMetrics metrics, FatalErrorHandler fatal, Pass pass,
                         Ticker ticker, Duration deliveredCursorDelay) {
        this.cursors = new PendingCursors(ticker, deliveredCursorDelay);
        this.store = store;
        this.pass = pass;
        this.queueBytes = queueBytes;
        this.fatal = fatal;
        this.metrics = metrics;
        this.msgIds = msgIds;
        this.clock = clock;
        this.batchMax = batchMax;
        this.batchMaxBytes = batchMaxBytes;
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "tern-writer");
        this.thread.start();
    }

    /** Queues a draft; the future completes after the commit, or fails with a TernException. */
    public CompletableFuture<Appended> submit(Draft draft) {
        return submit(draft, appended -> { });
    }

    /**
     * Queues a draft; after the commit, {@code afterCommit} runs on the delivery thread in commit order
     * (fan-out belongs there: a stage chained onto the future could run on whichever thread attaches it, out
     * of order), then the future completes.
     */
    public CompletableFuture<Appended> submit(Draft draft, java.util.function.Consumer<Appended> afterCommit) {
        CompletableFuture<Appended> result = new CompletableFuture<>();
        long bytes = bytesOf(draft);
        if (!running) {
            result.completeExceptionally(unavailable());
        } else if (queuedBytes.addAndGet(bytes) > queueBytes) {
            queuedBytes.addAndGet(-bytes);
            result.completeExceptionally(new TernException(ErrorCode.UNAVAILABLE, "store queue is full, retry later"));
        } else if (!queue.offer(new Pending(draft, afterCommit, result, bytes))) {
            queuedBytes.addAndGet(-bytes);
            result.completeExceptionally(new TernException(ErrorCode.UNAVAILABLE, "store queue is full, retry later"));
        } else if (dead) {
            failQueued(); // the writer died while this was being queued: nobody will take it
        }
        return result;
    }

    /** What a queued draft is counted as against the bytes bound: its text plus a fixed overhead. */
    private static long bytesOf(Draft draft) {
        return DRAFT_OVERHEAD_BYTES + (draft.content() == null ? 0 : draft.content().length())
                + (draft.clientMsgId() == null ? 0 : draft.clientMsgId().length());
    }

    /** Whether the writer and delivery threads are alive; false for good once either died. */
    public boolean alive() {
        return !dead;
    }

    /** Bytes of drafts waiting, as estimated for the bound. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    private TernException unavailable() {
        return new TernException(ErrorCode.UNAVAILABLE, dead ? "the message store failed, retry on another node"
                : "server is shutting down");
    }

    /** Records that a device of the user holds everything up to seq; written within the delivered-cursor delay. */
    public void delivered(long userId, String conversationId, long seq) {
        cursors.delivered(userId, conversationId, seq);
    }

    /** Records that the user has read up to seq (which implies delivered); written with the next batch. */
    public void read(long userId, String conversationId, long seq) {
        cursors.read(userId, conversationId, seq);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchMax);
        try {
            loop(batch);
        } catch (Error e) {
            died("tern-writer", e, List.of());
            return;
        }
    }

    /**
     * Between batches, when nothing waits: let the store catch its search index up, a small slice at a time so
     * a message arriving now waits for one slice at most (see {@link MessageStore#catchUpSearch}); in a quiet moment
     * it goes on until the index caught up or a message arrives. Under load it only does so when the trail is
     * long: delivery comes first.
     */
    private void idle(boolean quiet) {
        try {
            // quiet: slice after slice while nothing arrives; under load (a long trail) one slice per batch
            boolean more = store.catchUpSearch(SEARCH_SLICE, quiet);
            while (more && quiet && running && queue.isEmpty()) {
                more = store.catchUpSearch(SEARCH_SLICE, true);
            }
            catchUpFailing = false;
        } catch (RuntimeException e) {
            if (!catchUpFailing) { // once per run of failures, not every idle moment
                log.warn("search index catch-up failed (searches scan the rest meanwhile): {}", e.toString());
            }
            catchUpFailing = true;
        }
    }

    private void loop(List<Pending> batch) {
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                boolean quiet = first == null;
                if (first != null) {
                    take(first, batch);
                }
                List<Draft> drafts = drafts(batch);
                List<CursorUpdate> cursors = this.cursors.take(drafts);
                if (!batch.isEmpty() || !cursors.isEmpty()) {
                    commit(batch, drafts, cursors);
                }
                if (queue.isEmpty()) {
                    idle(quiet);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("writer loop failed", e);
            } catch (Error e) {
                died("tern-writer", e, List.copyOf(batch)); // before the batch is cleared: its futures must fail
                return;
            } finally {
                batch.clear();
            }
        }
        flushCursorsOnExit();
    }

    /**
     * The batch: what is queued, cut at {@code batchMax} drafts or {@code batchMaxBytes} (estimated), whichever
     * comes first. It never waits for more: a lone message is committed at once, and while a commit runs the next
     * batch queues up by itself.
     */
    private void take(Pending first, List<Pending> batch) {
        long bytes = first.bytes();
        batch.add(first);
        Pending next;
        while (batch.size() < batchMax && bytes < batchMaxBytes && (next = queue.poll()) != null) {
            batch.add(next);
            bytes += next.bytes();
        }
        queuedBytes.addAndGet(-bytes);
    }

    private void commit(List<Pending> batch, List<Draft> drafts, List<CursorUpdate> cursors) {
        List<Appended> results;
        long started = System.nanoTime();
        try {
            results = store.commit(drafts, cursors, clock.millis(), msgIds::next);
            metrics.commit.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            metrics.batchSize.record(batch.size());
        } catch (RuntimeException e) {
            TernException failure = e instanceof TernException te ? te : new StoreException("commit failed", e);
            log.warn("commit of {} messages failed: {}", batch.size(), e.toString());
            this.cursors.giveBack(cursors);
            List<Pending> failed = List.copyOf(batch);
            delivery.execute(() -> failed.forEach(p -> p.result().completeExceptionally(failure)));
            return;
        }
        List<Pending> done = List.copyOf(batch);
        delivery.execute(() -> completeAll(done, results));
    }

    /**
     * The answers first: a sender's CHAT_RESP must not wait for the fan-out of everything committed before it. A
     * group command is the exception: its caller may act on the change (and its cached members) at once, so it
     * completes after its own delivery step. Then the fan-out, in commit order, in one pass.
     */
    private void completeAll(List<Pending> batch, List<Appended> results) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).draft().command() == null) {
                batch.get(i).result().complete(results.get(i));
            }
        }
        pass.beginPass();
        try {
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                try {
                    p.afterCommit().accept(results.get(i));
                } catch (RuntimeException e) {
                    log.warn("delivery after commit failed", e);
                } catch (Error e) {
                    // the message is stored, so it is answered; the rest of this batch fails (a resend finds it
                    // stored and is pushed then), nothing new is taken, and the node stops
                    p.result().complete(results.get(i));
                    died("tern-delivery", e, batch.subList(i + 1, batch.size()));
                    return;
                }
                p.result().complete(results.get(i)); // a no-op for what was answered above
            }
        } finally {
            pass.endPass();
        }
    }

    /**
     * A thread died: refuse everything from now on, fail what it held and what is queued (a client resends with
     * the same clientMsgId, so a draft that was in fact committed is not stored twice), and report it.
     */
    private void died(String thread, Error error, List<Pending> held) {
        dead = true;
        running = false;
        TernException failure = unavailable();
        held.forEach(p -> p.result().completeExceptionally(failure));
        failQueued();
        if (!reported.compareAndSet(false, true)) {
            log.error("{} failed again after the node was reported dead", thread, error);
            return;
        }
        try {
            fatal.fatal(thread, error);
        } catch (RuntimeException e) {
            log.error("fatal error handler failed", e);
        }
    }

    private void failQueued() {
        TernException failure = unavailable();
        Pending p;
        while ((p = queue.poll()) != null) {
            queuedBytes.addAndGet(-p.bytes());
            p.result().completeExceptionally(failure);
        }
    }

    private static List<Draft> drafts(List<Pending> batch) {
        List<Draft> drafts = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            drafts.add(p.draft());
        }
        return drafts;
    }

    private void flushCursorsOnExit() {
        if (dead) {
            return;
        }
        List<CursorUpdate> cursors = this.cursors.takeAll();
        if (!cursors.isEmpty()) {
            try {
                store.commit(List.of(), cursors, clock.millis(), msgIds::next);
            } catch (RuntimeException e) {
                log.warn("could not write {} delivery cursors at shutdown: {}", cursors.size(), e.toString());
            }
        }
    }

    /** Stops taking drafts, commits what is queued, and waits for the thread. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            delivery.shutdown();
            if (!delivery.awaitTermination(30, TimeUnit.SECONDS)) {
                delivery.shutdownNow(); // a fan-out pass waiting for an event loop that will not run its task
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
