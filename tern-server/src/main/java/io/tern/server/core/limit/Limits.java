package io.tern.server.core.limit;

import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.Ticker;
import java.time.Duration;

/** Every abuse limit of a node, built from configuration; each check throws RATE_LIMITED when over. */
public final class Limits {
    /** The most a login from a known address is slowed while its username is under attack. */
    static final long MAX_SLOWDOWN_MILLIS = 1_000;

    private final SharedRate messages;
    private final RateLimiter loginsPerAddress;
    private final RateLimiter registrations;
    private final RateLimiter lookups;
    private final FailedLogins failedLogins;
    private final KnownAddresses knownAddresses = new KnownAddresses(100_000, 8);
    private final TripLog trips;
    private final TernConfig.Limits config;
    private final SharedBuckets shared;

    /** Every rate and back-off is measured on the monotonic ticker. */
    public Limits(TernConfig.Limits config, Ticker ticker) {
        this(config, ticker, SharedBuckets.NONE);
    }

    /**
     * Logins and registrations per address and lookups per user are counted in {@code shared} buckets (the
     * cluster's) while they answer, else in this node's own.
     */
    public Limits(TernConfig.Limits config, Ticker ticker, SharedBuckets shared) {
        this(config, ticker, shared, SharedBackoff.NONE);
    }

    /**
     * As above; messages per user are counted on this node and spent from {@code shared} in batches
     * ({@link SharedRate}), and failed logins are counted in {@code backoff} too, while they answer.
     */
    public Limits(TernConfig.Limits config, Ticker ticker, SharedBuckets shared, SharedBackoff backoff) {
        this.config = config;
        this.shared = shared;
        this.trips = new TripLog(ticker);
        this.messages = new SharedRate("message", config.messagesPerSecond(), Duration.ofSeconds(1),
                config.messageBurst(), config.messageSpendBatch(), shared, ticker);
        this.loginsPerAddress = new RateLimiter(config.loginsPerMinute(), Duration.ofMinutes(1),
                config.loginsPerMinute(), ticker);
        this.registrations = new RateLimiter(config.registrationsPerHour(), Duration.ofHours(1),
                config.registrationsPerHour(), ticker);
        this.lookups = new RateLimiter(config.lookupsPerMinute(), Duration.ofMinutes(1), config.lookupsPerMinute(),
                ticker);
        this.failedLogins = new FailedLogins(config.loginFailuresBeforeBackoff(), config.maxLoginBackoff(), ticker,
                backoff);
    }

    public void message(long userId) {
        check(messages.acquire("u" + userId), "more than the allowed messages per second", "user " + userId);
    }

    /**
     * Before a login attempt. Refuses (RATE_LIMITED) while the username at this address, or the address, is
     * backing off, or the address logs in too often. While the username as a whole is backing off (failures
     * from many addresses), an address that has logged in as this user before is only slowed: the answer
     * is the milliseconds to delay the attempt (0: go ahead now); any other address is refused.
     */
    public long login(String address, String username) {
        String user = String.valueOf(username);
        FailedLogins.Waits waits = failedLogins.waits(user, address);
        check(Math.max(waits.userAtAddress(), waits.address()), "too many failed logins", "address " + address);
        check(take(loginsPerAddress, "login", address, config.loginsPerMinute(), Duration.ofMinutes(1),
                config.loginsPerMinute()), "too many logins from this address", "address " + address);
        long userWait = waits.user();
        if (userWait > 0 && knownAddresses.contains(user, address)) {
            return Math.min(userWait, MAX_SLOWDOWN_MILLIS);
        }
        check(userWait, "too many failed logins", "username under attack, address " + address);
        return 0;
    }

    public void loginFailed(String address, String username) {
        failedLogins.failed(String.valueOf(username), address);
    }

    public void loginSucceeded(String address, String username) {
        failedLogins.succeeded(String.valueOf(username), address);
        knownAddresses.remember(username, address);
    }

    public void register(String address) {
        check(take(registrations, "register", address, config.registrationsPerHour(), Duration.ofHours(1),
                config.registrationsPerHour()), "too many registrations from this address", "address " + address);
    }

    /** A lookup of other users (by name, presence): bounded per user, so the directory cannot be crawled. */
    public void lookup(long userId) {
        check(take(lookups, "lookup", "u" + userId, config.lookupsPerMinute(), Duration.ofMinutes(1),
                config.lookupsPerMinute()), "too many user lookups", "user " + userId);
    }

    private long take(RateLimiter local, String name, String key, int perPeriod, Duration period, int burst) {
        if (!local.enabled()) {
            return 0;
        }
        long wait = shared.acquire(name, key, perPeriod, period, burst);
        return wait == SharedBuckets.UNAVAILABLE ? local.acquire(key) : wait;
    }

    private void check(long waitMillis, String what, String who) {
        if (waitMillis > 0) {
            trips.tripped(what, who);
            throw TernException.rateLimited(what, waitMillis);
        }
    }
}
