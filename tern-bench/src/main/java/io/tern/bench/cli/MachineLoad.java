package io.tern.bench.cli;

import java.lang.management.ManagementFactory;

/**
 * The machine's one-minute load average before a run. The bench shares the machine with the server; a
 * load above the core count means something else (a build, another test) competed for the CPU, and the
 * figures of that run say less about Tern.
 */
public final class MachineLoad {
    private MachineLoad() {
    }

    public static double loadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    /** A note when the machine was busy before the run, or null. */
    public static String busyNote() {
        double load = loadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        return load > cpus * 0.5 ? String.format(java.util.Locale.ROOT, "the machine was busy before the run (load "
                + "average %.2f on %d cores): other processes competed with the server and the bench for the CPU",
                load, cpus) : null;
    }
}
