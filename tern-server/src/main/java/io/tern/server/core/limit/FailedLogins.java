package io.tern.server.core.limit;

import io.tern.server.core.Ticker;
import java.time.Duration;
import java.util.List;

/**
 * The three failed-login back-offs of an attempt: the username at this address, the address, and the username
 * from anywhere (a distributed guess). In a cluster all three are asked of the shared counters in one call and
 * counted there in one call; this node's own counters are kept as well and decide while the shared ones do not
 * answer.
 */
final class FailedLogins {
    /** The waits of an attempt, in milliseconds (0: none). */
    record Waits(long userAtAddress, long address, long user) {
    }

    private final LoginThrottle byUserAtAddress;
    private final LoginThrottle byAddress;
    private final LoginThrottle byUser;
    private final Duration maxDelay;
    private final SharedBackoff shared;

    /** {@code free} failures of a username at an address, four times as many per address and per username. */
    FailedLogins(int free, Duration maxDelay, Ticker ticker, SharedBackoff shared) {
        this.byUserAtAddress = new LoginThrottle(free, maxDelay, ticker);
        this.byAddress = new LoginThrottle(free * 4, maxDelay, ticker);
        this.byUser = new LoginThrottle(free * 4, maxDelay, ticker);
        this.maxDelay = maxDelay;
        this.shared = shared;
    }

    Waits waits(String user, String address) {
        if (byUserAtAddress.freeFailures() <= 0) {
            return new Waits(0, 0, 0);
        }
        long[] s = shared.waitMillis(counters(user, address));
        if (s != null && s.length == 3 && s[0] >= 0 && s[1] >= 0 && s[2] >= 0) {
            return new Waits(s[0], s[1], s[2]);
        }
        return new Waits(byUserAtAddress.waitMillis(userAt(user, address)), byAddress.waitMillis(address),
                byUser.waitMillis(user));
    }

    void failed(String user, String address) {
        if (byUserAtAddress.freeFailures() <= 0) {
            return;
        }
        shared.failed(counters(user, address), maxDelay);
        byUserAtAddress.failed(userAt(user, address));
        byAddress.failed(address);
        byUser.failed(user);
    }

    /** Only the username at this address starts over: a success elsewhere says nothing of a guesser's address. */
    void succeeded(String user, String address) {
        if (byUserAtAddress.freeFailures() > 0) {
            shared.succeeded(new SharedBackoff.Counter("ua", userAt(user, address), byUserAtAddress.freeFailures()));
        }
        byUserAtAddress.succeeded(userAt(user, address));
    }

    private List<SharedBackoff.Counter> counters(String user, String address) {
        return List.of(new SharedBackoff.Counter("ua", userAt(user, address), byUserAtAddress.freeFailures()),
                new SharedBackoff.Counter("a", address, byAddress.freeFailures()),
                new SharedBackoff.Counter("u", user, byUser.freeFailures()));
    }

    private static String userAt(String user, String address) {
        return user + "@" + address;
    }
}
