package io.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tern.bench.target.MetricsSnapshot;
import io.tern.bench.target.ServerMetrics;
import io.tern.bench.target.TernHttp;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** /metrics is summed the way the connect scenario needs, and its absence is reported, not fatal. */
class MetricsReadingTest {
    private static final String PROMETHEUS = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E3
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 99999.0
            process_resident_memory_bytes 1.0E8
            tern_connections 20.0
            tern_errors_total{code="RATE_LIMITED"} 3.0
            """;

    @Test
    void sumsHeapPoolsAndReadsRssAndConnections() throws Exception {
        HttpServer http = serve(200, PROMETHEUS);
        try {
            MetricsSnapshot m = new ServerMetrics(new TernHttp(uri(http)), null).read();
            assertThat(m.available()).isTrue();
            assertThat(m.heapUsedBytes()).isEqualTo(3500.0);
            assertThat(m.rssBytes()).isEqualTo(1.0e8);
            assertThat(m.connections()).isEqualTo(20.0);
            assertThat(m.tern()).containsEntry("tern_errors_total{code=\"RATE_LIMITED\"}", 3.0);
            assertThat(m.gcForced()).isFalse();
        } finally {
            http.stop(0);
        }
    }

    @Test
    void withAForcedGc_theHeapIsTheReadingRightAfterIt_theRssTheSettledOne() throws Exception {
        // each GET reports more heap and RSS, as a busy server would between the collection and a later reading
        java.util.concurrent.atomic.AtomicInteger gets = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/metrics", ex -> {
            int n = gets.incrementAndGet();
            byte[] b = ("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} " + n * 1000 + ".0\n"
                    + "process_resident_memory_bytes " + n * 1_000_000 + ".0\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        try { // this JVM stands in for the server: jcmd GC.run on it is harmless
            MetricsSnapshot m = new ServerMetrics(new TernHttp(uri(http)), ProcessHandle.current().pid()).read();
            assertThat(m.gcForced()).isTrue();
            assertThat(gets.get()).isEqualTo(2);
            assertThat(m.heapUsedBytes()).isEqualTo(1000.0);
            assertThat(m.rssBytes()).isEqualTo(2_000_000.0);
            // the live heap is counted by jcmd in this JVM, which holds at least this test's classes and strings
            assertThat(m.liveHeapBytes()).isNotNull().isGreaterThan(1_000_000.0)
                    .isLessThanOrEqualTo((double) Runtime.getRuntime().totalMemory());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void theLiveHeapIsTheHistogramsTotalBytes() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        151011       12486088  [B (java.base@17.0.15)
                   2:         20105         643360  java.lang.String (java.base@17.0.15)
                Total        171116       13129448
                """;
        assertThat(ServerMetrics.histogramTotal(histogram)).isEqualTo(13_129_448.0);
        assertThat(ServerMetrics.histogramTotal("12345:\nCould not attach\n")).isNull();
    }

    @Test
    void aServerWithoutMetricsGivesNotAvailable() throws Exception {
        HttpServer http = serve(404, "{\"error\":{\"code\":\"NOT_FOUND\"}}");
        try {
            MetricsSnapshot m = new ServerMetrics(new TernHttp(uri(http)), null).read();
            assertThat(m.available()).isFalse();
            assertThat(m.note()).contains("404").contains("n/a");
            assertThat(m.heapUsedBytes()).isNull();
        } finally {
            http.stop(0);
        }
    }

    private static HttpServer serve(int status, String body) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/metrics", ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        return http;
    }

    private static URI uri(HttpServer http) {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }
}
