package io.tern.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code process_resident_memory_bytes}: the resident set size from {@code /proc/self/statm} (Linux only;
 * NaN elsewhere). Micrometer's JVM meters see the heap, not what the operating system charges the process.
 */
final class ProcessMemoryMetrics {
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_SIZE = 4096;

    private ProcessMemoryMetrics() {
    }

    static void bindTo(MeterRegistry registry) {
        Gauge.builder("process.resident.memory", ProcessMemoryMetrics::residentBytes).baseUnit("bytes")
                .description("resident set size of the server process").register(registry);
    }

    private static double residentBytes() {
        try {
            String[] fields = Files.readString(STATM).trim().split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
