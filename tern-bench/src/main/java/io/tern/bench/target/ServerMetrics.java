package io.tern.bench.target;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's Prometheus text at {@code GET /metrics}: {@code jvm_memory_used_bytes{area="heap"}}
 * summed over pools, {@code process_resident_memory_bytes}, {@code tern_connections}, and every
 * {@code tern_*} sample for the report. A server without /metrics (404) gives a snapshot that says so
 * instead of failing the run. With the server's pid, RSS falls back to /proc/&lt;pid&gt;/status, and jcmd
 * first takes a class histogram (which runs a full GC): its total is the live heap; /metrics is read right after
 * it, and RSS once it has settled.
 */
public final class ServerMetrics {
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final TernHttp http;
    private final Long pid;

    public ServerMetrics(TernHttp http, Long pid) {
        this.http = http;
        this.pid = pid;
    }

    public MetricsSnapshot read() {
        Double live = pid == null ? null : liveHeap(pid);
        boolean gc = live != null || pid != null && forceGc(pid);
        MetricsSnapshot now = withLive(fetch(gc), live);
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
        return new MetricsSnapshot(true, now.note(), now.heapUsedBytes(), live, settled.rssBytes(),
                settled.rssSource(), now.connections(), true, now.tern()); // all but RSS from the heap's moment
    }

    private static MetricsSnapshot withLive(MetricsSnapshot m, Double live) {
        return live == null ? m : new MetricsSnapshot(m.available(), m.note(), m.heapUsedBytes(), live, m.rssBytes(),
                m.rssSource(), m.connections(), m.gcForced(), m.tern());
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
                heapSeen ? heap : null, null, rss, rssSource, connections, gc, tern);
    }

    private MetricsSnapshot fallback(String note, boolean gc) {
        Double rss = pid == null ? null : procRss(pid);
        return new MetricsSnapshot(false, note, null, null, rss, rss == null ? null : "/proc/" + pid + "/status", null, gc,
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

    /** {@code jcmd <pid> GC.run}: a full collection, so the heap reading is mostly live data. */
    static boolean forceGc(long pid) {
        return jcmd(pid, "GC.run") != null;
    }

    /**
     * Bytes of the objects still reachable: the total of {@code jcmd <pid> GC.class_histogram}, which runs a
     * full GC and then counts what survived, so nothing allocated after the collection is in it. Null if jcmd
     * cannot attach.
     */
    static Double liveHeap(long pid) {
        String histogram = jcmd(pid, "GC.class_histogram");
        return histogram == null ? null : histogramTotal(histogram);
    }

    /** The bytes column of the histogram's last line, {@code Total <instances> <bytes>}; null if there is none. */
    public static Double histogramTotal(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        Double total = null;
        while (m.find()) {
            total = Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** jcmd's output, or null if it failed or took more than two minutes. */
    private static String jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String exe = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        try {
            Path output = Files.createTempFile("tern-jcmd", ".txt");
            try {
                Process p = new ProcessBuilder(exe, Long.toString(pid), command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
                return p.exitValue() == 0 ? Files.readString(output) : null;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
