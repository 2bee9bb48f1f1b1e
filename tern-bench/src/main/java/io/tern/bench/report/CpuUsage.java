package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * CPU during the measured window, in cores (1.0 = one core busy all the time): the whole machine, the
 * bench process, the server (with --server-pid; for the in-process baseline the relay runs inside the
 * bench) and everything else on the machine. Per message: microseconds of CPU per message sent in the
 * window (the generator's own cost without its JIT compiler threads, {@code benchJit}, so a reader can see
 * whether the load generator, not the server, was the limit), per delivery (group: one message is delivered to every member) and the server's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CpuUsage(double seconds, int cores, double machineBusy, double bench, double benchJit, Double server,
                       Double other,
                       long messagesSent, long deliveries, Double benchUsPerMessage, Double benchUsPerDelivery,
                       Double serverUsPerMessage) {
    /** Microseconds of CPU per item: {@code cores} busy for {@code seconds}, spread over {@code count}. */
    public static Double perItemUs(Double cores, double seconds, long count) {
        if (cores == null || count <= 0) {
            return null;
        }
        return Math.round(cores * seconds * 1e6 / count * 100) / 100.0;
    }
}
