package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One run of a suite: a scenario against one freshly started server process (Tern or the relay) in one
 * round. Exactly one of {@code load} and {@code connect} is set, or {@code error} when the run could not
 * be set up or failed; {@code log} is the server process's output; {@code loadAverageBefore} the
 * machine's one-minute load average before the run (above the core count: something else competed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuiteRun(String scenario, String target, int round, String serverCommand, String log,
                       double loadAverageBefore, boolean ok, String error, LoadResult load, ConnectResult connect,
                       java.util.List<String> notes) {
}
