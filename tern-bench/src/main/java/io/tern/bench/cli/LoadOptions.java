package io.tern.bench.cli;

import io.tern.bench.load.LoadMode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Open loop at a rate, or closed loop at maximum with a window; closed loop if neither is given. */
public final class LoadOptions {
    static final class Mode {
        @Option(names = "--rate", paramLabel = "MSGS_PER_S", required = true,
                description = "Open loop: messages per second in total, on a fixed schedule; latency from the "
                        + "intended send time.")
        Double rate;

        @Option(names = "--max", required = true,
                description = "Closed loop (default): each sender keeps --window messages in flight; latency from "
                        + "the actual send.")
        boolean max;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    @Option(names = "--window", defaultValue = "10", paramLabel = "W",
            description = "Closed loop: messages in flight per sender (default: ${DEFAULT-VALUE}).")
    int window;

    LoadMode toMode() {
        return mode != null && mode.rate != null ? LoadMode.open(mode.rate) : LoadMode.closed(window);
    }
}
