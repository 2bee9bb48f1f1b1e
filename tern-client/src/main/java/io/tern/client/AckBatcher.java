package io.tern.client;

/**
 * When the acknowledgements of received pushes go out: after {@code delayMillis} from the first push not yet
 * acknowledged, or at once when {@link #MAX_PUSHES} wait, so that one cumulative ACK per conversation covers
 * what arrived meanwhile. Confined to the client's event thread.
 */
final class AckBatcher {
    /** Pushes acknowledged at once however short the wait: keeps the server's outbox for this device small. */
    static final int MAX_PUSHES = 64;

    /** Runs a task after a delay on the event thread; returns what cancels it. */
    interface Timer {
        Runnable schedule(Runnable task, long delayMillis);
    }

    private final long delayMillis;
    private final Timer timer;
    private final Runnable flush;
    private Runnable cancel;
    private int waiting;

    AckBatcher(long delayMillis, Timer timer, Runnable flush) {
        this.delayMillis = delayMillis;
        this.timer = timer;
        this.flush = flush;
    }

    /** A push that needs acknowledging was received. */
    void pushed() {
        waiting++;
    }

    /** After each frame: sends what is due now, or makes sure it is sent within the delay. */
    void afterFrame() {
        if (waiting == 0) {
            flush.run(); // acks owed for pulled pages or re-acks of duplicates go at once, as before
        } else if (delayMillis == 0 || waiting >= MAX_PUSHES) {
            flushNow();
        } else if (cancel == null) {
            cancel = timer.schedule(this::flushNow, delayMillis);
        }
    }

    /** Sends every acknowledgement that is waiting. */
    void flushNow() {
        if (cancel != null) {
            cancel.run();
            cancel = null;
        }
        waiting = 0;
        flush.run();
    }

    /** The connection is gone: nothing waiting can be sent on it, and the next connection starts with SYNC. */
    void reset() {
        if (cancel != null) {
            cancel.run();
            cancel = null;
        }
        waiting = 0;
    }
}
