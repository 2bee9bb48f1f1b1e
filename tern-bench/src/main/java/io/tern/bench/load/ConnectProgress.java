package io.tern.bench.load;

import io.tern.bench.report.SecondSample;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The connect scenario's once-a-second line and sample: connections open, opening rate, drops, kicks. */
final class ConnectProgress implements AutoCloseable {
    private final Counters counters;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private final List<SecondSample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });
    private long lastOpened;
    private long lastAt = start;

    ConnectProgress(Counters counters, PrintStream out) {
        this.counters = counters;
        this.out = out;
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        long opened = counters.opened.sum();
        long open = opened - counters.closed.sum();
        double rate = (opened - lastOpened) / ((now - lastAt) / 1e9);
        lastOpened = opened;
        lastAt = now;
        double t = Math.round((now - start) / 1e8) / 10.0;
        samples.add(new SecondSample(t, "connect", 0, 0, 0, 0, null, open));
        if (out != null) {
            out.printf("[%6.1fs] open %6d  opening %7.0f/s  dropped %d  kicks %s%n", t, open, rate,
                    counters.closed.sum(), counters.kicks());
        }
    }

    synchronized List<SecondSample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
