package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * CPU during the measured window, in cores (1.0 = one core busy all the time): the whole machine, the
 * bench process, the server (with --server-pid; for the baseline the relay runs inside the bench) and
 * everything else on the machine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CpuUsage(double seconds, int cores, double machineBusy, double bench, Double server, Double other) {
}
