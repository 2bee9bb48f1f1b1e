package io.tern.bench.load;

import java.time.Duration;

/**
 * How the client side of any scenario runs: loopback source addresses, handshakes in flight while
 * connecting, the longest wait for in-flight messages after the measured window, the run tag that makes
 * this run's clientMsgIds and bodies unique, and the command-line flags to repeat in advice.
 */
public record ClientSettings(int sourceAddresses, int connectConcurrency, Duration drainTimeout, String tag,
                             String exampleArgs) {
}
