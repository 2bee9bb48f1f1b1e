package io.tern.bench.target;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads the server's Prometheus text at {@code GET /metrics}: {@code jvm_memory_used_bytes{area="heap"}}
 * summed over pools, {@code process_resident_memory_bytes}, {@code tern_connections}, and every
 * {@code tern_*} sample for the report. A server without /metrics (404) gives a snapshot that says so
 * instead of failing the run. With the server's pid, RSS falls back to /proc/&lt;pid&gt;/status and a
 * full GC can be forced first with jcmd: the heap is then read right after it, the rest once RSS has settled.
 */
public final class ServerMetrics {
    private final TernHttp http;
    private final Long pid;

    public ServerMetrics(TernHttp http, Long pid) {
        this.http = http;
        this.pid = pid;
    }

    public MetricsSnapshot read() {
        boolean gc = pid != null && forceGc(pid);
        MetricsSnapshot now = fetch(gc);
        if (!gc || !now.available()) {
            return now;
        }
        // the heap is read at once after the collection: read after RSS settled (up to 5 s later), it also held
        // what a busy server allocated meanwhile — up to 20 MB, 1 KiB a connection, right after 19,000 connected
        settleRss(pid);
        MetricsSnapshot settled = fetch(true);
        if (!settled.available()) {
            return now;
        }
        return new MetricsSnapshot(true, now.note(), now.heapUsedBytes(), settled.rssBytes(), settled.rssSource(),
                now.connections(), true, now.tern()); // all but RSS from the same moment as the heap
    }

    private MetricsSnapshot fetch(boolean gc) {
        HttpResponse<String> r;
        try {
            r = http.get("/metrics");
        } catch (IOException e) {
            return fallback("GET /metrics failed: " + e.getMessage(), gc);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback("interrupted", gc);
        }
        if (r.statusCode() != 200) {
            return fallback("GET /metrics answered HTTP " + r.statusCode() + " (n/a: the server has no metrics endpoint)", gc);
        }
        return parse(r.body(), gc);
    }

    MetricsSnapshot parse(String text, boolean gc) {
        double heap = 0;
        boolean heapSeen = false;
        Double rss = null;
        Double connections = null;
        Map<String, Double> tern = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space).trim();
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (name.equals("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
                heap += value;
                heapSeen = true;
            } else if (name.equals("process_resident_memory_bytes")) {
                rss = value;
            } else if (name.equals("tern_connections")) {
                connections = (connections == null ? 0 : connections) + value;
            }
            if (name.startsWith("tern_")) {
                String key = brace >= 0 && brace < space ? line.substring(0, space).trim() : name;
                tern.put(key, value);
            }
        }
        String rssSource = rss != null ? "metrics" : null;
        if (rss == null && pid != null) {
            rss = procRss(pid);
            rssSource = rss != null ? "/proc/" + pid + "/status" : null;
        }
        return new MetricsSnapshot(true, heapSeen ? null : "no jvm_memory_used_bytes{area=\"heap\"} in /metrics",
                heapSeen ? heap : null, rss, rssSource, connections, gc, tern);
    }

    private MetricsSnapshot fallback(String note, boolean gc) {
        Double rss = pid == null ? null : procRss(pid);
        return new MetricsSnapshot(false, note, null, rss, rss == null ? null : "/proc/" + pid + "/status", null, gc,
                null);
    }

    /**
     * After a full GC, G1 gives heap back to the OS concurrently (JDK 16+), so RSS keeps falling for a
     * moment; wait (at most 5 s) until it moves by less than 1 MiB in 250 ms, or the reading depends on
     * timing.
     */
    static void settleRss(long pid) {
        Double last = procRss(pid);
        for (int i = 0; i < 20 && last != null; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L);
            Double now = procRss(pid);
            if (now == null || Math.abs(now - last) < (1 << 20)) {
                return;
            }
            last = now;
        }
    }

    /** VmRSS of a local process, in bytes; null if it cannot be read. */
    static Double procRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Double.parseDouble(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** {@code jcmd <pid> GC.run}: a full collection, so the heap reading is live data. */
    static boolean forceGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String exe = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        try {
            Process p = new ProcessBuilder(exe, Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
