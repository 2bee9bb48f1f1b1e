package io.tern.bench.net;

import io.netty.channel.Channel;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Opens many connections with a bounded number of handshakes in flight (a burst of thousands of SYNs
 * overflows accept queues and measures the kernel, not the server). It stops at the open-file limit:
 * before it (at most {@code budget} connections, so that descriptors remain for metrics and the report),
 * or as soon as a connection fails with "Too many open files" after all.
 */
public final class Connector {
    /**
     * The outcome. {@code openFileLimitHit}:
     * the run stopped at the open-file limit, foreseen (the budget) or met ({@code tooManyOpenFiles}).
     */
    public record Result(int opened, int failed, Map<String, Integer> failures,
                         boolean openFileLimitHit, boolean tooManyOpenFiles, boolean portsExhausted, double seconds) {
    }

    /** Descriptors kept free for the bench's own files, HTTP calls and jcmd. */
    public static final int RESERVE = 64;

    /** How many more sockets this process may open, leaving {@link #RESERVE}; MAX_VALUE if unknown. */
    public static int budget() {
        long limit = OpenFiles.limit();
        long open = OpenFiles.open();
        return limit < 0 || open < 0 ? Integer.MAX_VALUE : (int) Math.max(0, limit - open - RESERVE);
    }

    private Connector() {
    }

    public static Result open(WsClient client, List<URI> uris, IntFunction<FrameSink> sinks, int maxInFlight,
                              int budget, LongAdder openedCounter) throws InterruptedException {
        long start = System.nanoTime();
        int n = uris.size();
        Semaphore permits = new Semaphore(Math.max(1, maxInFlight));
        AtomicBoolean limitHit = new AtomicBoolean();
        AtomicBoolean emfile = new AtomicBoolean();
        AtomicBoolean portsOut = new AtomicBoolean();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        for (int i = 0; i < n && !limitHit.get(); i++) {
            if (i >= budget) {
                limitHit.set(true);
                break;
            }
            permits.acquire();
            if (limitHit.get()) {
                permits.release();
                break;
            }
            CompletableFuture<Channel> f = client.connect(uris.get(i), sinks.apply(i));
            f.whenComplete((ch, err) -> {
                if (err == null) {
                    opened.incrementAndGet();
                    if (openedCounter != null) {
                        openedCounter.increment();
                    }
                } else {
                    failed.incrementAndGet();
                    if (OpenFiles.isLimit(err)) {
                        emfile.set(true);
                        limitHit.set(true);
                    }
                    if (OpenFiles.isPortExhaustion(err)) {
                        portsOut.set(true);
                    }
                    failures.merge(reason(err), 1, Integer::sum);
                }
                permits.release();
            });
        }
        // every attempt ends within the connect + handshake timeouts (10 s each)
        if (!permits.tryAcquire(Math.max(1, maxInFlight), 30, TimeUnit.SECONDS)) {
            failures.merge("no answer within 30 s", 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(opened.get(), failed.get(), new TreeMap<>(failures), limitHit.get(), emfile.get(),
                portsOut.get(), seconds);
    }

    /** A short, groupable reason: the innermost message without addresses. */
    static String reason(Throwable err) {
        Throwable c = err;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        if (OpenFiles.isLimit(err)) {
            return "Too many open files";
        }
        m = m.replaceAll("/?127\\.0\\.0\\.\\d+:\\d+", "<addr>").replaceAll("localhost/<addr>", "<addr>");
        return m.length() > 120 ? m.substring(0, 120) : m;
    }
}
