package io.tern.server.core.limit;

import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import io.tern.server.core.Ticker;
import java.time.Clock;
import java.time.Duration;

/** Every abuse limit of a node, built from configuration; each check throws RATE_LIMITED when over. */
public final class Limits {
    private final RateLimiter messages;
    private final RateLimiter loginsPerAddress;
    private final RateLimiter registrations;
    private final LoginThrottle failedByUser;
    private final LoginThrottle failedByAddress;

    /** Rates are measured on the ticker; the login throttles still read the clock. */
    public Limits(TernConfig.Limits config, Clock clock, Ticker ticker) {
        this.messages = new RateLimiter(config.messagesPerSecond(), Duration.ofSeconds(1), config.messageBurst(), ticker);
        this.loginsPerAddress = new RateLimiter(config.loginsPerMinute(), Duration.ofMinutes(1),
                config.loginsPerMinute(), ticker);
        this.registrations = new RateLimiter(config.registrationsPerHour(), Duration.ofHours(1),
                config.registrationsPerHour(), ticker);
        this.failedByUser = new LoginThrottle(config.loginFailuresBeforeBackoff(), config.maxLoginBackoff(), clock);
        this.failedByAddress = new LoginThrottle(config.loginFailuresBeforeBackoff() * 4, config.maxLoginBackoff(), clock);
    }

    public void message(long userId) {
        check(messages.acquire("u" + userId), "more than the allowed messages per second");
    }

    /** Before a login attempt: the address's rate, and the back-off of the username and the address. */
    public void login(String address, String username) {
        check(Math.max(failedByUser.waitMillis(String.valueOf(username)), failedByAddress.waitMillis(address)),
                "too many failed logins");
        check(loginsPerAddress.acquire(address), "too many logins from this address");
    }

    public void loginFailed(String address, String username) {
        failedByUser.failed(String.valueOf(username));
        failedByAddress.failed(address);
    }

    public void loginSucceeded(String username) {
        failedByUser.succeeded(username);
    }

    public void register(String address) {
        check(registrations.acquire(address), "too many registrations from this address");
    }

    private static void check(long waitMillis, String what) {
        if (waitMillis > 0) {
            throw TernException.rateLimited(what, waitMillis);
        }
    }
}
