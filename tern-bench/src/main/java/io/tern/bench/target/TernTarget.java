package io.tern.bench.target;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A running Tern server. Users are {@code <prefix>-<role><i>}; each is registered (409: it exists from an
 * earlier run with the same prefix, so it is only logged in) and logged in once per endpoint with a
 * distinct deviceId, a bounded number of requests at a time. Logins cost one bcrypt each on the server,
 * hence the advice to start it with {@code --set auth.bcryptCost=4} for benchmarks.
 */
public final class TernTarget implements Target {
    /**
     * Above this mean login time the report suspects a production bcrypt cost (cost 10 is ~60 ms of CPU per
     * login on the project's machines; cost 4 is ~1 ms, plus the token's commit).
     */
    public static final double SLOW_LOGIN_MILLIS = 60;

    private final TernHttp http;
    private final String prefix;
    private final String password;
    private final int concurrency;
    private volatile double loginMillis;

    public TernTarget(TernHttp http, String prefix, String password, int concurrency) {
        this.http = http;
        this.prefix = prefix;
        this.password = password;
        this.concurrency = Math.max(1, concurrency);
    }

    public TernHttp http() {
        return http;
    }

    @Override
    public String name() {
        return "tern";
    }

    @Override
    public double loginMillis() {
        return loginMillis;
    }

    @Override
    public List<Endpoint> prepare(String role, int count, int devicesPerUser, PrintStream log) throws Exception {
        int perUser = Math.max(1, devicesPerUser);
        Endpoint[] out = new Endpoint[count];
        Semaphore permits = new Semaphore(concurrency);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongAdder loginNanos = new LongAdder();
        LongAdder logins = new LongAdder();
        long start = System.nanoTime();
        long lastReport = start;
        int users = (count + perUser - 1) / perUser;
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int u = 0; u < users && failure.get() == null; u++) {
            String username = prefix + "-" + role + u;
            int first = u * perUser;
            int devices = Math.min(perUser, count - first);
            permits.acquire();
            CompletableFuture<?> chain = http.register(username, password).thenCompose(created -> {
                CompletableFuture<?> logins1 = CompletableFuture.completedFuture(null);
                for (int d = 0; d < devices; d++) {
                    int index = first + d;
                    String deviceId = "bench-" + role + index;
                    logins1 = logins1.thenCompose(x -> {
                        long t0 = System.nanoTime();
                        return http.login(username, password, deviceId).thenAccept(login -> {
                            loginNanos.add(System.nanoTime() - t0);
                            logins.increment();
                            out[index] = new Endpoint(login.userId(), username, login.deviceId(),
                                    wsUri(login), login.token());
                        });
                    });
                }
                return logins1;
            }).whenComplete((x, err) -> {
                if (err != null) {
                    failure.compareAndSet(null, err instanceof CompletionException && err.getCause() != null
                            ? err.getCause() : err);
                }
                permits.release();
            });
            all.add(chain);
            long now = System.nanoTime();
            if (log != null && now - lastReport > 5_000_000_000L) {
                lastReport = now;
                log.printf("  logged in %d of %d (%.0f/s)%n", logins.sum(), count,
                        logins.sum() / ((now - start) / 1e9));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        Throwable err = failure.get();
        if (err instanceof TernHttp.HttpError http && http.status == 429) {
            throw ServerAdvice.rateLimited(http.getMessage());
        }
        if (err != null) {
            throw new SetupFailure("preparing users failed: " + err.getMessage());
        }
        loginMillis = logins.sum() == 0 ? 0 : loginNanos.sum() / 1e6 / logins.sum();
        return Arrays.asList(out);
    }

    private URI wsUri(TernHttp.Login login) {
        String ws = login.wsUrl();
        if (ws == null || ws.isEmpty()) {
            URI b = http.base();
            ws = ("https".equals(b.getScheme()) ? "wss" : "ws") + "://" + b.getAuthority() + "/ws";
        }
        return URI.create(ws + (ws.contains("?") ? "&" : "?") + "token="
                + URLEncoder.encode(login.token(), StandardCharsets.UTF_8));
    }
}
