package io.tern.bench.load;

import io.tern.bench.report.CpuUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Where the machine's CPU went during the measured window, from /proc: all cores busy, this bench
 * process, the server process (when its pid is known) and everything else. On a 2-core machine shared by
 * server and bench, "everything else" says whether a build or another test took CPU from the run.
 * Linux only; elsewhere it reports nothing.
 */
final class CpuMeter {
    /** USER_HZ: the unit of /proc times, 100 on every Linux architecture the JVM runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final Long serverPid;
    private final boolean serverInBench;
    private final long startNanos = System.nanoTime();
    private final long[] machineStart;
    private final long benchStart;
    private final long jitStart;
    private final long serverStart;
    private final LongSupplier sent;
    private final LongSupplier delivered;
    private final long sentStart;
    private final long deliveredStart;

    /**
     * {@code serverInBench}: the server is the bench's own relay, so its CPU is in the bench's figure.
     * {@code sent} and {@code delivered} count messages sent and deliveries received, for the CPU per message.
     */
    CpuMeter(Long serverPid, boolean serverInBench, LongSupplier sent, LongSupplier delivered) {
        this.serverPid = serverPid;
        this.serverInBench = serverInBench;
        this.sent = sent;
        this.delivered = delivered;
        this.sentStart = sent.getAsLong();
        this.deliveredStart = delivered.getAsLong();
        this.machineStart = machine();
        this.benchStart = process(ProcessHandle.current().pid());
        this.jitStart = jitTicks();
        this.serverStart = serverPid == null ? -1 : process(serverPid);
    }

    /** The usage since construction; null if /proc could not be read. */
    CpuUsage stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long messages = sent.getAsLong() - sentStart;
        long deliveries = delivered.getAsLong() - deliveredStart;
        long[] machineEnd = machine();
        long benchEnd = process(ProcessHandle.current().pid());
        long jitEnd = jitTicks();
        long serverEnd = serverPid == null ? -1 : process(serverPid);
        if (machineStart == null || machineEnd == null || benchStart < 0 || benchEnd < 0 || seconds <= 0) {
            return null;
        }
        double busy = cores(machineEnd[0] - machineStart[0], seconds);
        double bench = cores(benchEnd - benchStart, seconds);
        double jit = jitStart < 0 || jitEnd < 0 ? 0 : cores(jitEnd - jitStart, seconds);
        Double server = serverStart < 0 || serverEnd < 0 ? null : cores(serverEnd - serverStart, seconds);
        double other = Math.max(0, busy - bench - (server == null ? 0 : server));
        boolean otherKnown = server != null || serverInBench;
        // per message from the unrounded cores: at low rates a rounded 0.05 cores would be off by a fifth
        // the generator's cost per message leaves out the JIT compiler threads: compiling is a one-off of a young
        // JVM, and divided by the few messages of a slow open-loop run it would swamp the per-message work
        double generator = Math.max(0, bench - jit);
        return new CpuUsage(round(seconds), Runtime.getRuntime().availableProcessors(), round(busy), round(bench),
                round(jit), server == null ? null : round(server), otherKnown ? round(other) : null, messages,
                deliveries, CpuUsage.perItemUs(generator, seconds, messages),
                CpuUsage.perItemUs(generator, seconds, deliveries), CpuUsage.perItemUs(server, seconds, messages));
    }

    private static double cores(long ticks, double seconds) {
        return ticks / TICKS_PER_SECOND / seconds;
    }

    /** Busy ticks of all cores: user + nice + system + irq + softirq + steal. */
    private static long[] machine() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
            return new long[] {busy};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of this JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"), in ticks; -1 if unknown. */
    private static long jitTicks() {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.contains("CompilerThre")) {
                    sum += ticks(stat);
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticks(String stat) {
        // the command name may contain spaces; the fields after it are space-separated
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** utime + stime of a process, in ticks; -1 if unknown. */
    private static long process(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
