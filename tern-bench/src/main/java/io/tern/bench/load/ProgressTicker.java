package io.tern.bench.load;

import io.tern.bench.report.SecondSample;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Once a second: one sample of the per-second series (rates, errors, the p99 of that second) and one
 * progress line, so a stalled run is visible while it runs and not only in the report.
 */
public final class ProgressTicker {
    private final String label;
    private final String deliveredName;
    private final RunWindow window;
    private final Counters c;
    private final LatencyStats latency;
    private final PrintStream out;
    private final List<SecondSample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });
    private long lastAt;
    private long lastSent;
    private long lastAccepted;
    private long lastDelivered;
    private long lastErrors;

    public ProgressTicker(String label, String deliveredName, RunWindow window, Counters counters, LatencyStats latency,
                          PrintStream out) {
        this.label = label;
        this.deliveredName = deliveredName;
        this.window = window;
        this.c = counters;
        this.latency = latency;
        this.out = out;
    }

    public void start() {
        lastAt = window.start();
        long first = Math.max(0, window.start() + 1_000_000_000L - System.nanoTime());
        timer.scheduleAtFixedRate(this::tick, first, 1_000_000_000L, TimeUnit.NANOSECONDS);
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        double dt = (now - lastAt) / 1e9;
        if (dt <= 0.05) {
            return;
        }
        long sent = c.sent.sum();
        long accepted = c.accepted.sum();
        long delivered = c.delivered.sum();
        long errors = c.errorCount();
        Histogram second = latency.interval();
        Long p99 = second.getTotalCount() == 0 ? null : second.getValueAtPercentile(99);
        long p99SoFar = latency.collect();
        double t = (now - window.start()) / 1e9;
        String phase = window.phase(lastAt + (now - lastAt) / 2);
        SecondSample s = new SecondSample(round(t), phase, round((sent - lastSent) / dt),
                round((accepted - lastAccepted) / dt), round((delivered - lastDelivered) / dt), errors - lastErrors, p99,
                null);
        samples.add(s);
        if (out != null) {
            out.printf("[%6.1fs %-7s] %-8s sent %8.0f/s  accepted %8.0f/s  %s %9.0f/s  p99 %s (this second %s)  errors %d%n",
                    t, phase, label, s.sentPerSec(), s.acceptedPerSec(), deliveredName, s.deliveredPerSec(),
                    p99SoFar == 0 ? "-" : millis(p99SoFar), p99 == null ? "-" : millis(p99), errors);
        }
        lastAt = now;
        lastSent = sent;
        lastAccepted = accepted;
        lastDelivered = delivered;
        lastErrors = errors;
    }

    /**
     * Stops the ticker after a last partial sample, if it covers at least half a second (a rate taken over
     * a few milliseconds of drain would be noise); returns the series.
     */
    public synchronized List<SecondSample> finish() {
        timer.shutdownNow();
        if (System.nanoTime() - lastAt >= 500_000_000L) {
            tick();
        }
        return List.copyOf(samples);
    }

    static String millis(long us) {
        return String.format("%.3f ms", us / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
