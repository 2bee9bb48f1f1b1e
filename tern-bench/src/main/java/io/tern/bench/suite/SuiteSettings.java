package io.tern.bench.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything a suite run needs: which scenarios, how many rounds, the load of each scenario, how to start
 * the servers, and where the server logs go. {@code openRate} null: a quarter of the relay's measured
 * closed-loop maximum. {@code p2pWindow}: messages in flight per p2p sender at the maximum, enough that neither
 * Tern nor the relay waits for answers (Tern's group commit needs messages waiting to batch them); {@code window}:
 * the same for the group's senders.
 */
public record SuiteSettings(Set<SuiteScenario> scenarios, int rounds, Duration warmup, Duration rateWarmup,
                            Duration duration,
                            Duration drainTimeout, int pairs, int p2pWindow, int window, int groupMembers,
                            int groupSenders,
                            double groupRate, int connections, int sourceAddresses, int loginConcurrency,
                            int connectConcurrency, Double openRate, ServerProcess.Launch launch, Path logDir,
                            boolean quiet) {
    public SuiteSettings {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("--only names no scenario");
        }
        if (p2pWindow < 1 || window < 1) {
            throw new IllegalArgumentException("--p2p-window and --window must be at least 1");
        }
        if (warmup.isNegative() || rateWarmup.isNegative()) {
            throw new IllegalArgumentException("--warmup and --rate-warmup must not be negative");
        }
    }

    /**
     * The load before a scenario's measured window. The group at a fixed rate gets at least {@code rateWarmup}:
     * at 20 messages a second a few seconds are a few hundred messages, and the JIT is still compiling the
     * per-message path when the window starts (docs/performance.md, session 11).
     */
    public Duration warmupOf(SuiteScenario scenario) {
        return scenario == SuiteScenario.GROUP_RATE && rateWarmup.compareTo(warmup) > 0 ? rateWarmup : warmup;
    }
}
