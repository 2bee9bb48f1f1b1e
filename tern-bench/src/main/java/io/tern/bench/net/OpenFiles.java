package io.tern.bench.net;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The per-process open-file limit (ulimit -n): every socket is a file descriptor, so it caps the
 * connections one bench process can hold (20,000 on the project's machines). Runs above it must be
 * spread over several bench processes.
 */
public final class OpenFiles {
    private OpenFiles() {
    }

    /** The soft limit of this process, or -1 where the JVM cannot tell. */
    public static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** Descriptors open now, or -1. */
    public static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    /** Whether a failure was caused by EMFILE ("Too many open files") anywhere in its cause chain. */
    public static boolean isLimit(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("Too many open files")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the local side ran out of ephemeral ports ("Cannot assign requested address"). */
    public static boolean isPortExhaustion(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains("Cannot assign requested address")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The explanation printed when the limit was hit, with the command that spreads the run over enough
     * processes, each holding about as many connections as this one managed.
     */
    public static String advice(String scenario, int requested, int opened, String exampleArgs) {
        long limit = limit();
        long perProcess = opened > 0 ? opened : Math.max(1, (limit > 0 ? limit : 20_000) - 1_000);
        long processes = (requested + perProcess - 1) / perProcess;
        long each = (requested + processes - 1) / processes;
        return "OPEN-FILE LIMIT HIT: this process may hold " + (limit > 0 ? limit : "?")
                + " open files (ulimit -n; 20,000 per process on these machines) and stopped after " + opened + " of "
                + requested + " connections. Every socket is a file, so larger runs need several bench processes "
                + "(or a higher ulimit -n where the machine allows it), e.g. " + processes + " of " + each
                + " connections, each with its own user prefix:\n"
                + "  for i in $(seq 1 " + processes + "); do java -jar tern-bench/target/tern-bench.jar " + scenario
                + " --connections " + each + " --user-prefix bench-p$i " + exampleArgs + " & done; wait";
    }
}
